namespace SsmHybridRole.Engine.Roles
{
    /// <summary>What the caller asks of a hybrid service role, as the cmdlet parameters say it.</summary>
    internal sealed class HybridRoleSpec
    {
        public string RoleName { get; set; } = KnownNames.DefaultRoleName;

        public string? Path { get; set; }

        public string? Description { get; set; }

        public int? MaxSessionDuration { get; set; }

        public string? PermissionsBoundary { get; set; }

        public IReadOnlyDictionary<string, string> Tags { get; set; } = new Dictionary<string, string>();

        /// <summary>Regions where activations will be created; empty means the session's Region.</summary>
        public IReadOnlyList<string> ActivationRegions { get; set; } = Array.Empty<string>();

        public string? AccountId { get; set; }

        public bool NoSourceCondition { get; set; }

        /// <summary>Catalog names (short or AWS) of managed policies to attach besides the required one.</summary>
        public IReadOnlyList<string> PolicyNames { get; set; } = Array.Empty<string>();

        public IReadOnlyList<string> PolicyArns { get; set; } = Array.Empty<string>();

        /// <summary>A trust policy the caller brings instead of the built one.</summary>
        public string? AssumeRolePolicyDocument { get; set; }

        /// <summary>
        /// Applies every IAM input rule; throws <see cref="InvalidParameterException"/> at the first broken one.
        /// Sends nothing: call it before any request.
        /// </summary>
        public ValidatedRoleSpec Validate(AwsPartition partition, string? sessionRegion)
        {
            if (partition is null)
            {
                throw new ArgumentNullException(nameof(partition));
            }

            // The module's own creation mark is never asked for: a role piped from a listing carries it, and a copy
            // would mark a role the module did not make.
            Tags = Tags.Where(t => !string.Equals(t.Key, KnownNames.CreationMarkerTag, StringComparison.OrdinalIgnoreCase)).ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);
            InputRules.RoleName(RoleName);
            if (Path != null)
            {
                InputRules.Path(Path);
            }

            if (Description != null)
            {
                InputRules.Description(Description);
            }

            if (MaxSessionDuration.HasValue)
            {
                InputRules.MaxSessionDuration(MaxSessionDuration.Value);
            }

            if (PermissionsBoundary != null)
            {
                InputRules.PolicyArn(PermissionsBoundary, partition, "PermissionsBoundary");
            }

            InputRules.Tags(Tags);
            if (AccountId != null)
            {
                InputRules.AccountId(AccountId);
            }

            var policyArns = ResolvePolicyArns(partition, PolicyNames, PolicyArns, includeRequired: true);

            if (AssumeRolePolicyDocument != null)
            {
                TrustPolicy.Validate(AssumeRolePolicyDocument, partition, TrustPolicy.DefaultSizeQuota, "AssumeRolePolicyDocument");
                return new ValidatedRoleSpec(this, partition, Array.Empty<string>(), policyArns);
            }

            var regions = ActivationRegions.Count > 0 ? ActivationRegions.ToList() : new List<string>();
            foreach (var region in regions)
            {
                InputRules.ActivationRegion(region, partition);
            }

            if (!NoSourceCondition && regions.Count == 0)
            {
                if (sessionRegion is null)
                {
                    throw new InvalidParameterException(
                        ErrorIds.ActivationRegionRequired,
                        "ActivationRegion",
                        null,
                        "no Region is set, and the trust policy's aws:SourceArn names the Regions where activations are created; pass {ActivationRegion}, {Region} or set AWS_REGION (or {NoSourceCondition} for the seed's plain trust)");
                }

                regions.Add(sessionRegion);
            }

            return new ValidatedRoleSpec(this, partition, regions.Contains("*") ? new List<string> { "*" } : regions, policyArns);
        }

        /// <summary>
        /// Catalog names and ARNs as one ordered, duplicate-free list of ARNs in <paramref name="partition"/>;
        /// AmazonSSMManagedInstanceCore comes first when <paramref name="includeRequired"/>.
        /// </summary>
        public static IReadOnlyList<string> ResolvePolicyArns(AwsPartition partition, IEnumerable<string>? policyNames, IEnumerable<string>? policyArns, bool includeRequired)
        {
            var arns = new List<string>();
            if (includeRequired)
            {
                arns.Add(ManagedPolicyCatalog.ManagedInstanceCore.ArnIn(partition));
            }

            foreach (var name in policyNames ?? Enumerable.Empty<string>())
            {
                arns.Add(ManagedPolicyCatalog.Resolve(name).ArnIn(partition));
            }

            foreach (var arn in policyArns ?? Enumerable.Empty<string>())
            {
                InputRules.PolicyArn(arn, partition);
                arns.Add(arn);
            }

            return arns.Distinct(StringComparer.Ordinal).ToList();
        }
    }

    /// <summary>A spec that passed every input rule, with its policy ARNs and activation Regions resolved.</summary>
    internal sealed record ValidatedRoleSpec(HybridRoleSpec Spec, AwsPartition Partition, IReadOnlyList<string> ActivationRegions, IReadOnlyList<string> PolicyArns)
    {
        /// <summary>True when the trust policy needs the account id (and no account id was given).</summary>
        public bool NeedsAccountLookup => Spec.AssumeRolePolicyDocument is null && !Spec.NoSourceCondition && Spec.AccountId is null;
    }
}
