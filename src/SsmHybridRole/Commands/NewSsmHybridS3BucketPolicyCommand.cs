using SsmHybridRole.Engine.CustomerPolicies;
using SsmHybridRole.Engine.Policies;

namespace SsmHybridRole.Commands
{
    /// <summary>
    /// Builds the custom S3 bucket policy the procedure asks for (AWS-owned SSM buckets per Region when a VPC
    /// endpoint is used; your own output buckets) and creates it as a customer managed policy, or brings an
    /// existing one up to date. -DocumentOnly emits the JSON and calls nothing.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "SsmHybridS3BucketPolicy", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = Create)]
    [OutputType(typeof(HybridS3BucketPolicy), ParameterSetName = new[] { Create })]
    [OutputType(typeof(string), ParameterSetName = new[] { DocumentOnlySet })]
    public sealed class NewSsmHybridS3BucketPolicyCommand : AwsConnectionCmdlet
    {
        private const string Create = "Create";
        private const string DocumentOnlySet = "DocumentOnly";

        /// <summary>
        /// Regions whose AWS-owned SSM buckets the nodes need (default: the session's Region); the first also
        /// picks the partition and the connection's Region.
        /// </summary>
        [Parameter(Position = 0)]
        [ArgumentCompleter(typeof(RegionCompleter))]
        public string[]? Region { get; set; }

        protected override string? ConnectionRegion => System.Array.Find(Region ?? System.Array.Empty<string>(), r => r != "*");

        /// <summary>Nodes reach S3 through a VPC endpoint (PrivateLink): allow the AWS-owned buckets.</summary>
        [Parameter]
        public SwitchParameter VpcEndpoint { get; set; }

        /// <summary>Your own buckets for Run Command or Session Manager output.</summary>
        [Parameter]
        public string[]? OutputBucket { get; set; }

        [Parameter]
        public SwitchParameter Encrypted { get; set; }

        [Parameter]
        public SwitchParameter CrossAccount { get; set; }

        [Parameter]
        public SwitchParameter IncludeMacOS { get; set; }

        [Parameter]
        public string PolicyName { get; set; } = S3BucketPolicyOptions.DefaultPolicyName;

        [Parameter(Mandatory = true, ParameterSetName = DocumentOnlySet)]
        public SwitchParameter DocumentOnly { get; set; }

        /// <summary>Also add a version to a policy of that name that this module did not make.</summary>
        [Parameter(ParameterSetName = Create)]
        public SwitchParameter Force { get; set; }

        protected override void EndProcessing() => Try(() =>
        {
            var request = new S3BucketPolicyRequest(PolicyName, SpecBuilder.S3Options(Region, VpcEndpoint, OutputBucket, Encrypted, CrossAccount, IncludeMacOS), DocumentOnly);
            var connection = request.NeedsConnection() ? GetConnection() : null;
            var document = request.BuildDocument(connection);
            var target = $"policy '{PolicyName}'";
            if (DocumentOnly || !ShouldProcess(target, "Create the customer managed S3 bucket policy (a policy of that name that exists is read first, and changed only after asking)"))
            {
                WriteObjectIf(DocumentOnly, document);
                return;
            }

            var creation = RunEngine((call, cancel) => request.CreateOrReadAsync(connection!, document, call, cancel));
            if (creation.Existing is not { } existing)
            {
                WriteObject(OutputMapper.ToOutput(creation.Done!));
                return;
            }

            CustomerPolicyService.RequireOwned(existing, Force);
            if (ShouldProcess(target, $"Add a new default version, attached to {existing.Attachments}: {S3BucketPolicyRequest.Difference(existing, document)}")
                && (existing.VersionToDelete is null || ShouldProcess(target, $"Delete version {existing.VersionToDelete}, the oldest of five (IAM's limit), to make room")))
            {
                WriteObject(OutputMapper.ToOutput(RunEngine((call, cancel) => S3BucketPolicyRequest.AddVersionAsync(connection!, existing, document, call, cancel))));
            }
        });

        private void WriteObjectIf(bool condition, object value)
        {
            if (condition)
            {
                WriteObject(value);
            }
        }
    }
}
