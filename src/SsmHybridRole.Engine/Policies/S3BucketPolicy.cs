using System.IO;
using System.Text;
using System.Text.Json;

namespace SsmHybridRole.Engine.Policies
{
    /// <summary>What the custom S3 bucket policy must allow ("Create a custom S3 bucket policy for an instance profile").</summary>
    internal sealed class S3BucketPolicyOptions
    {
        public const string DefaultPolicyName = KnownNames.DefaultS3PolicyName;

        /// <summary>Regions whose AWS-owned SSM buckets are needed (with a VPC endpoint). Never '*'.</summary>
        public IReadOnlyList<string> Regions { get; set; } = Array.Empty<string>();

        /// <summary>Statement 1: nodes reach S3 through a VPC endpoint, so the AWS-owned buckets must be allowed.</summary>
        public bool VpcEndpoint { get; set; }

        /// <summary>Statement 2: buckets of your own for Run Command / Session Manager output.</summary>
        public IReadOnlyList<string> OutputBuckets { get; set; } = Array.Empty<string>();

        /// <summary>The output buckets are encrypted: s3:GetEncryptionConfiguration on the bucket itself too.</summary>
        public bool Encrypted { get; set; }

        /// <summary>The output buckets belong to another account: s3:PutObjectAcl too.</summary>
        public bool CrossAccount { get; set; }

        /// <summary>EC2 macOS patching: aws-patchmanager-macos-REGION too.</summary>
        public bool IncludeMacOS { get; set; }
    }

    /// <summary>Builds the custom S3 bucket policy per Region, with AWS's documented bucket exceptions.</summary>
    internal static class S3BucketPolicy
    {
        private static readonly string[] GetObjectOnly = { "s3:GetObject" };

        private const string BucketNameRule = "an S3 bucket name is 3 to 63 characters of lower-case letters, digits, dots and hyphens, starting and ending with a letter or digit";

        /// <summary>Validates the options for <paramref name="partition"/> and returns the policy document (indented JSON).</summary>
        public static string Build(S3BucketPolicyOptions options, AwsPartition partition)
        {
            if (options is null || partition is null)
            {
                throw new ArgumentNullException(options is null ? nameof(options) : nameof(partition));
            }

            if (!options.VpcEndpoint && options.OutputBuckets.Count == 0)
            {
                throw new InvalidParameterException(ErrorIds.NothingToAllow, "VpcEndpoint", null, "the policy needs {VpcEndpoint} (AWS-owned SSM buckets), {OutputBucket} (your own buckets), or both");
            }

            if (options.VpcEndpoint && options.Regions.Count == 0)
            {
                throw new InvalidParameterException(ErrorIds.RegionRequired, "Region", null, "the AWS-owned SSM buckets are per Region: name at least one with {Region}");
            }

            foreach (var region in options.Regions)
            {
                if (region == "*")
                {
                    throw new InvalidParameterException(ErrorIds.WildcardRegionNotAllowed, "Region", region, "the AWS-owned buckets must be named per Region; a wildcard Region would allow every bucket that matches");
                }

                InputRules.Region(region);
                if (AwsPartition.FromRegion(region) != partition)
                {
                    throw new InvalidParameterException(ErrorIds.RegionPartitionMismatch, "Region", region, $"the Region is not in partition '{partition.Name}'");
                }
            }

            foreach (var bucket in options.OutputBuckets)
            {
                if (bucket is null || bucket.Length < 3 || bucket.Length > 63 || !IsBucketName(bucket))
                {
                    throw new InvalidParameterException(ErrorIds.InvalidBucketName, "OutputBucket", bucket, BucketNameRule);
                }
            }

            using var buffer = new MemoryStream();
            using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
            {
                json.WriteStartObject();
                json.WriteString("Version", "2012-10-17");
                json.WriteStartArray("Statement");
                if (options.VpcEndpoint)
                {
                    var resources = options.Regions.Distinct(StringComparer.Ordinal)
                        .SelectMany(r => AwsOwnedBuckets.In(r, options.IncludeMacOS))
                        .Select(b => Arn.S3Objects(partition.Name, b));
                    WriteStatement(json, "SsmAwsOwnedBuckets", GetObjectOnly, resources);
                }

                if (options.OutputBuckets.Count > 0)
                {
                    WriteStatement(json, "SsmOutputBuckets", OutputBucketActions(options), OutputBucketResources(options, partition.Name));
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            return Encoding.UTF8.GetString(buffer.ToArray());
        }

        /// <summary>What nodes do with your own output buckets: read and write, plus ACLs across accounts, plus the encryption setting.</summary>
        internal static IReadOnlyList<string> OutputBucketActions(S3BucketPolicyOptions options)
        {
            var actions = new List<string> { "s3:GetObject", "s3:PutObject" };
            if (options.CrossAccount)
            {
                actions.Add("s3:PutObjectAcl");
            }

            if (options.Encrypted)
            {
                actions.Add("s3:GetEncryptionConfiguration");
            }

            return actions;
        }

        /// <summary>The output buckets' objects, and with encryption the buckets themselves; <paramref name="partition"/> may be a template's ${AWS::Partition}.</summary>
        internal static IEnumerable<string> OutputBucketResources(S3BucketPolicyOptions options, string partition)
        {
            var buckets = options.OutputBuckets.Distinct(StringComparer.Ordinal).ToList();
            var resources = buckets.Select(b => Arn.S3Objects(partition, b));
            return options.Encrypted ? resources.Concat(buckets.Select(b => Arn.S3Bucket(partition, b))) : resources;
        }

        private static bool IsBucketName(string name)
            => name.All(c => (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-')
               && char.IsLetterOrDigit(name[0]) && char.IsLetterOrDigit(name[name.Length - 1]);

        private static void WriteStatement(Utf8JsonWriter json, string sid, IEnumerable<string> actions, IEnumerable<string> resources)
        {
            json.WriteStartObject();
            json.WriteString("Sid", sid);
            json.WriteString("Effect", "Allow");
            json.WriteStartArray("Action");
            foreach (var action in actions)
            {
                json.WriteStringValue(action);
            }

            json.WriteEndArray();
            json.WriteStartArray("Resource");
            foreach (var resource in resources)
            {
                json.WriteStringValue(resource);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }
    }
}
