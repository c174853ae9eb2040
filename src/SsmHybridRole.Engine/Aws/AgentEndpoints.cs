namespace SsmHybridRole.Engine.Aws
{
    /// <summary>
    /// Where SSM Agent on a hybrid node connects in its Region: the Systems Manager endpoints it talks to
    /// (ssm, ssmmessages for Session Manager, ec2messages for Run Command), the AWS-owned S3 buckets it
    /// downloads from (<see cref="AwsOwnedBuckets"/>), and where the Windows installer is.
    /// </summary>
    internal static class AgentEndpoints
    {
        /// <summary>The endpoint names, as the agent's configuration and the connectivity check call them.</summary>
        public static IReadOnlyList<string> ServiceNames { get; } = new[] { "ssm", "ssmmessages", "ec2messages" };

        /// <summary>The name that stands for Amazon S3 in endpoint overrides.</summary>
        public const string S3 = "s3";

        /// <summary>The DNS suffix of a Region's endpoints: amazonaws.com, or amazonaws.com.cn in China.</summary>
        public static string DnsSuffix(string region)
            => AwsPartition.FromRegion(region) == AwsPartition.China ? "amazonaws.com.cn" : "amazonaws.com";

        /// <summary>https://ssm.us-east-2.amazonaws.com/ and its siblings.</summary>
        public static Uri Service(string name, string region) => new Uri($"https://{name}.{region}.{DnsSuffix(region)}/");

        /// <summary>A bucket, virtual-hosted as the agent's installer addresses it: https://BUCKET.s3.REGION.amazonaws.com/.</summary>
        public static Uri Bucket(string bucket, string region) => new Uri($"https://{bucket}.s3.{region}.{DnsSuffix(region)}/");

        /// <summary>The SSM Agent installer for 64-bit Windows, from the Region's own bucket.</summary>
        public static Uri WindowsInstaller(string region)
            => new Uri(Bucket(AwsOwnedBuckets.AgentReleases.NameIn(region)!, region), "latest/windows_amd64/AmazonSSMAgentSetup.exe");

        /// <summary>The Windows service and the Linux unit SSM Agent runs as.</summary>
        public const string WindowsServiceName = "AmazonSSMAgent";

        public const string LinuxServiceName = "amazon-ssm-agent";
    }
}
