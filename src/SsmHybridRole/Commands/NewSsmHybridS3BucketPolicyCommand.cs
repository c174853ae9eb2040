using System;
using System.Linq;
using System.Management.Automation;
using SsmHybridRole.Engine.Policies;
using SsmHybridRole.Engine.Roles;
using SsmHybridRole.Infrastructure;

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

        protected override string? ConnectionRegion => Region?.FirstOrDefault(r => r != "*");

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

        protected override void EndProcessing() => Try(() =>
        {
            IamInputRules.PolicyName(PolicyName);
            var regions = Region;
            AwsPartition partition;
            if (DocumentOnly && regions is { Length: > 0 })
            {
                partition = AwsPartition.FromRegion(regions[0] == "*" ? "us-east-1" : regions[0]);
            }
            else
            {
                var connection = GetConnection();
                partition = connection.Partition;
                regions ??= connection.Region is null ? Array.Empty<string>() : new[] { connection.Region };
            }

            var document = S3BucketPolicy.Build(SpecBuilder.S3Options(regions, VpcEndpoint, OutputBucket, Encrypted, CrossAccount, IncludeMacOS), partition);
            if (DocumentOnly)
            {
                WriteObject(document);
                return;
            }

            if (!ShouldProcess($"policy '{PolicyName}'", "Create or update the customer managed S3 bucket policy"))
            {
                return;
            }

            var policy = RunWithConnection((connection, call, cancel) => new CustomerPolicyService(connection, call).EnsureAsync(
                PolicyName, document, "S3 access for AWS Systems Manager hybrid nodes (SsmHybridRole)", cancel));
            WriteObject(new HybridS3BucketPolicy
            {
                PolicyName = policy.PolicyName,
                PolicyArn = policy.PolicyArn,
                Document = policy.Document,
                VersionId = policy.VersionId,
                Outcome = policy.Outcome.ToString(),
            });
        });
    }
}
