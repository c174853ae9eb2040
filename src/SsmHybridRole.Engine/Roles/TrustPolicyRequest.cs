namespace SsmHybridRole.Engine.Roles
{
    /// <summary>
    /// A trust policy document asked for on its own (the seed's SSMService-Trust.json): which partition and
    /// Region it is for, and whether STS must be asked for the account, are decided here. With an account id
    /// (or no source conditions) and a known partition, nothing is sent.
    /// </summary>
    internal sealed class TrustPolicyRequest
    {
        private AwsPartition? partition;
        private string? region;

        /// <summary>The account the trust names (aws:SourceAccount); null: the caller's, from STS.</summary>
        public string? SourceAccountId { get; set; }

        public IReadOnlyList<string> ActivationRegions { get; set; } = Array.Empty<string>();

        /// <summary>The partition's name (aws, aws-cn, aws-us-gov); default: the Region's.</summary>
        public string? PartitionName { get; set; }

        public bool NoSourceCondition { get; set; }

        /// <summary>
        /// Decides the partition and the Region from what was asked, before the environment: an explicit Region,
        /// else the first named activation Region, else the session's. True when a connection is needed: to learn
        /// the account from STS, or the partition from the session.
        /// </summary>
        public bool NeedsConnection(ConnectionOptions options)
        {
            if (options is null)
            {
                throw new ArgumentNullException(nameof(options));
            }

            if (PartitionName != null && AwsPartition.FromName(PartitionName) is null)
            {
                throw new InvalidParameterException(ErrorIds.InvalidPartition, "Partition", PartitionName, "a partition is one of " + string.Join(", ", AwsPartition.All.Select(p => p.Name)));
            }

            region = options.Region ?? ActivationRegions.FirstOrDefault(r => r != "*") ?? RegionResolver.Resolve(options);
            partition = AwsPartition.FromName(PartitionName) ?? (region != null ? AwsPartition.FromRegion(region) : null);
            return !IsOffline || partition is null;
        }

        /// <summary>The document; <paramref name="connection"/> is needed only when <see cref="NeedsConnection"/> said so.</summary>
        public Task<string> BuildAsync(AwsConnection? connection, IOperationReporter reporter, CancellationToken cancellationToken)
        {
            if (SourceAccountId != null)
            {
                InputRules.AccountId(SourceAccountId, "SourceAccountId");
            }

            var spec = new HybridRoleSpec { AccountId = SourceAccountId, ActivationRegions = ActivationRegions, NoSourceCondition = NoSourceCondition };
            var inPartition = partition ?? connection?.Partition ?? throw new InvalidOperationException("Call NeedsConnection first.");
            var validated = spec.Validate(inPartition, region ?? connection?.Region);
            return IsOffline
                ? Task.FromResult(TrustPolicy.Build(inPartition, SourceAccountId, validated.ActivationRegions, NoSourceCondition))
                : new HybridRoleService(connection!, reporter).BuildTrustPolicyAsync(validated, cancellationToken);
        }

        private bool IsOffline => SourceAccountId != null || NoSourceCondition;
    }
}
