namespace SsmHybridRole.Engine.CustomerPolicies
{
    /// <summary>
    /// The custom S3 bucket policy asked for: its document is built for the Regions named (default: the
    /// session's), in their partition; only the document, or the policy created in IAM as well.
    /// </summary>
    internal sealed class S3BucketPolicyRequest
    {
        public const string Description = "S3 access for AWS Systems Manager hybrid nodes (SsmHybridRole)";

        public S3BucketPolicyRequest(string policyName, S3BucketPolicyOptions options, bool documentOnly)
        {
            PolicyName = policyName;
            Options = options ?? throw new ArgumentNullException(nameof(options));
            DocumentOnly = documentOnly;
        }

        public string PolicyName { get; }

        public S3BucketPolicyOptions Options { get; }

        public bool DocumentOnly { get; }

        /// <summary>
        /// Checks the policy name. True when a connection is needed: to create the policy, or to learn the
        /// partition and Region from the session when no Region was named.
        /// </summary>
        public bool NeedsConnection()
        {
            InputRules.PolicyName(PolicyName);
            return !DocumentOnly || Options.Regions.Count == 0;
        }

        /// <summary>The document, for the named Regions or else the connection's Region, in their partition.</summary>
        public string BuildDocument(AwsConnection? connection)
        {
            if (Options.Regions.Count > 0 && (DocumentOnly || connection is null))
            {
                return S3BucketPolicy.Build(Options, AwsPartition.FromRegion(Options.Regions[0] == "*" ? "us-east-1" : Options.Regions[0]));
            }

            if (connection is null)
            {
                throw new ArgumentNullException(nameof(connection));
            }

            if (Options.Regions.Count == 0 && connection.Region != null)
            {
                Options.Regions = new[] { connection.Region };
            }

            return S3BucketPolicy.Build(Options, connection.Partition);
        }

        /// <summary>Creates the policy, or finds it saying the same already, or hands back the one in the way.</summary>
        public Task<PolicyCreation> CreateOrReadAsync(AwsConnection connection, string document, IOperationReporter reporter, CancellationToken cancellationToken)
            => new CustomerPolicyService(connection, reporter).CreateOrReadAsync(PolicyName, document, Description, cancellationToken);

        /// <summary>Adds the document as the existing policy's new default version (after the caller approved it).</summary>
        public static Task<CustomerPolicy> AddVersionAsync(AwsConnection connection, ExistingPolicy existing, string document, IOperationReporter reporter, CancellationToken cancellationToken)
            => new CustomerPolicyService(connection, reporter).AddVersionAsync(existing, document, cancellationToken);

        /// <summary>What a new version would change, in words: the Resource and Action values it adds and removes.</summary>
        public static string Difference(ExistingPolicy existing, string document) => PolicyJson.Difference(existing.Default.Document, document);
    }
}
