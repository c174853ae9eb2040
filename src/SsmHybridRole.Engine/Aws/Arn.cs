namespace SsmHybridRole.Engine.Aws
{
    /// <summary>
    /// The one home of ARN formats: reading the fields of an ARN, and writing the ARNs the module needs. A
    /// partition is passed as text so a CloudFormation template can pass ${AWS::Partition}.
    /// </summary>
    internal static class Arn
    {
        private static readonly char[] Separator = { ':' };

        /// <summary>The fields of arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE, or null when the text is no ARN.</summary>
        public static ArnParts? Parse(string? text)
        {
            var fields = text?.Split(Separator, 6);
            return fields is { Length: 6 } && fields[0] == "arn"
                ? new ArnParts(fields[1], fields[2], fields[3], fields[4], fields[5])
                : null;
        }

        /// <summary>The name at the end of an ARN's resource (role/path/NAME, policy/path/NAME).</summary>
        public static string ResourceName(string arn)
            => arn is null ? throw new ArgumentNullException(nameof(arn)) : arn.Substring(arn.LastIndexOf('/') + 1);

        public static string Role(AwsPartition partition, string accountId, string roleName)
            => $"arn:{partition.Name}:iam::{accountId}:role/{roleName}";

        /// <summary>An AWS managed policy: arn:PARTITION:iam::aws:policy/NAME.</summary>
        public static string AwsManagedPolicy(string partition, string policyName) => $"arn:{partition}:iam::aws:policy/{policyName}";

        public static string CustomerManagedPolicy(AwsPartition partition, string accountId, string policyName)
            => $"arn:{partition.Name}:iam::{accountId}:policy/{policyName}";

        /// <summary>The SSM resources of one account in one Region ('*' for all): what the trust's aws:SourceArn names.</summary>
        public static string SsmResources(string partition, string region, string accountId) => $"arn:{partition}:ssm:{region}:{accountId}:*";

        public static string S3Bucket(string partition, string bucket) => $"arn:{partition}:s3:::{bucket}";

        public static string S3Objects(string partition, string bucket) => S3Bucket(partition, bucket) + "/*";
    }

    /// <summary>The six fields of an ARN.</summary>
    internal sealed record ArnParts(string Partition, string Service, string Region, string Account, string Resource);
}
