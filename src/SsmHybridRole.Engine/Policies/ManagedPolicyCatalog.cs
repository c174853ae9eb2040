namespace SsmHybridRole.Engine.Policies
{
    /// <summary>An AWS managed policy the procedure names: the module's short name (ManagedInstanceCore) and AWS's (AmazonSSMManagedInstanceCore).</summary>
    internal sealed record CatalogPolicy(string ShortName, string AwsName, string Purpose)
    {
        public string ArnIn(AwsPartition partition) => ArnIn(partition.Name);

        /// <summary>The ARN with <paramref name="partition"/> as written, such as a template's ${AWS::Partition}.</summary>
        public string ArnIn(string partition) => Arn.AwsManagedPolicy(partition, AwsName);
    }

    /// <summary>The managed policies of the AWS procedure, found by short or AWS name in any letter case.</summary>
    internal static class ManagedPolicyCatalog
    {
        public static readonly CatalogPolicy ManagedInstanceCore = new CatalogPolicy(
            "ManagedInstanceCore", "AmazonSSMManagedInstanceCore", "Systems Manager core functionality (required)");

        public static readonly CatalogPolicy DirectoryServiceAccess = new CatalogPolicy(
            "DirectoryServiceAccess", "AmazonSSMDirectoryServiceAccess", "joining nodes to a Microsoft AD domain");

        public static readonly CatalogPolicy CloudWatchAgentServer = new CatalogPolicy(
            "CloudWatchAgentServer", "CloudWatchAgentServerPolicy", "the CloudWatch agent, EventBridge and CloudWatch Logs");

        /// <summary>Deprecated by AWS in favour of AmazonSSMManagedInstanceCore; recognised, never attached by name.</summary>
        public const string DeprecatedEc2RoleForSsm = "AmazonEC2RoleforSSM";

        public static IReadOnlyList<CatalogPolicy> All { get; } = new[] { ManagedInstanceCore, DirectoryServiceAccess, CloudWatchAgentServer };

        /// <summary>Every accepted spelling with what the policy is for, for Tab completion: short names first, then AWS names.</summary>
        public static IEnumerable<KeyValuePair<string, string>> CompletionNames
            => All.Select(p => new KeyValuePair<string, string>(p.ShortName, p.Purpose)).Concat(All.Select(p => new KeyValuePair<string, string>(p.AwsName, p.Purpose)));

        public static CatalogPolicy? Find(string? name)
            => All.FirstOrDefault(p => string.Equals(p.ShortName, name, StringComparison.OrdinalIgnoreCase)
                                    || string.Equals(p.AwsName, name, StringComparison.OrdinalIgnoreCase));

        /// <summary>The catalog entry for a name, or an <see cref="InvalidParameterException"/> that lists the accepted names.</summary>
        public static CatalogPolicy Resolve(string? name, string parameterName = "Policy")
        {
            var policy = Find(name);
            if (policy != null)
            {
                return policy;
            }

            var hint = string.Equals(name, DeprecatedEc2RoleForSsm, StringComparison.OrdinalIgnoreCase)
                ? "AmazonEC2RoleforSSM is deprecated; use ManagedInstanceCore (AmazonSSMManagedInstanceCore). "
                : string.Empty;
            throw new InvalidParameterException(
                ErrorIds.UnknownPolicyName,
                parameterName,
                name,
                hint + "accepted names are " + string.Join(", ", CompletionNames.Select(n => n.Key)) + " (any letter case); pass other policies with {PolicyArn}");
        }

        /// <summary>
        /// True for the AWS managed policy that lets a node use Systems Manager: AmazonSSMManagedInstanceCore, or the
        /// deprecated AmazonEC2RoleforSSM (which AWS keeps under a path), in any partition.
        /// </summary>
        public static bool IsNodePolicy(string policyArn)
        {
            var arn = Arn.Parse(policyArn);
            var name = Arn.ResourceName(policyArn);
            return arn?.Account == "aws" && (name == ManagedInstanceCore.AwsName || name == DeprecatedEc2RoleForSsm);
        }

        /// <summary>The catalog entry whose ARN this is in any partition, or null.</summary>
        public static CatalogPolicy? FromArn(string policyArn)
            => All.FirstOrDefault(p => AwsPartition.All.Any(partition => string.Equals(p.ArnIn(partition), policyArn, StringComparison.Ordinal)));
    }
}
