namespace SsmHybridRole.Engine.Aws
{
    /// <summary>
    /// An AWS partition: which ARN prefix, IAM endpoint and SigV4 signing Region belong together.
    /// The Region a user works in decides the partition; IAM itself is global within it.
    /// </summary>
    internal sealed class AwsPartition
    {
        public static readonly AwsPartition Aws = new AwsPartition("aws", "https://iam.amazonaws.com", "us-east-1");
        public static readonly AwsPartition China = new AwsPartition("aws-cn", "https://iam.cn-north-1.amazonaws.com.cn", "cn-north-1");
        public static readonly AwsPartition GovCloud = new AwsPartition("aws-us-gov", "https://iam.us-gov.amazonaws.com", "us-gov-west-1");

        public static IReadOnlyList<AwsPartition> All { get; } = new[] { Aws, China, GovCloud };

        private AwsPartition(string name, string iamEndpoint, string iamSigningRegion)
        {
            Name = name;
            IamEndpoint = iamEndpoint;
            IamSigningRegion = iamSigningRegion;
        }

        /// <summary>The partition's ARN component: aws, aws-cn or aws-us-gov.</summary>
        public string Name { get; }

        public string IamEndpoint { get; }

        public string IamSigningRegion { get; }

        /// <summary>The partition a Region belongs to; unknown Regions are taken as commercial (aws).</summary>
        public static AwsPartition FromRegion(string region)
        {
            if (region is null)
            {
                throw new ArgumentNullException(nameof(region));
            }

            if (region.StartsWith("cn-", StringComparison.OrdinalIgnoreCase))
            {
                return China;
            }

            if (region.StartsWith("us-gov-", StringComparison.OrdinalIgnoreCase))
            {
                return GovCloud;
            }

            return Aws;
        }

        /// <summary>The partition with this ARN name, or null.</summary>
        public static AwsPartition? FromName(string? name)
        {
            foreach (var partition in All)
            {
                if (string.Equals(partition.Name, name, StringComparison.OrdinalIgnoreCase))
                {
                    return partition;
                }
            }

            return null;
        }

        public override string ToString() => Name;
    }
}
