using System.Collections;
using System.Linq;
using System.Management.Automation;
using SsmHybridRole.Infrastructure;

namespace SsmHybridRole.Commands
{
    /// <summary>
    /// Creates the IAM service role that Systems Manager assumes for hybrid nodes: the trust policy for
    /// ssm.amazonaws.com (with the confused-deputy conditions), AmazonSSMManagedInstanceCore, and any other
    /// policies asked for. A failure part-way undoes what was made.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "SsmHybridServiceRole", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = BuiltTrust)]
    [OutputType(typeof(HybridServiceRole))]
    public sealed class NewSsmHybridServiceRoleCommand : SsmHybridAwsCmdlet
    {
        private const string BuiltTrust = "BuiltTrust";
        private const string CustomTrust = "CustomTrust";

        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string RoleName { get; set; } = "SSMServiceRole";

        [Parameter]
        public string? Path { get; set; }

        [Parameter]
        public string? Description { get; set; }

        [Parameter]
        public int? MaxSessionDuration { get; set; }

        /// <summary>ARN of a managed policy that bounds the role's permissions.</summary>
        [Parameter]
        public string? PermissionsBoundary { get; set; }

        [Parameter]
        public Hashtable? Tag { get; set; }

        /// <summary>Regions where activations will be created ('*' for all); default: the session's Region.</summary>
        [Parameter(ParameterSetName = BuiltTrust)]
        [ArgumentCompleter(typeof(RegionCompleter))]
        public string[]? ActivationRegion { get; set; }

        /// <summary>The account for aws:SourceAccount; default: the caller's, from STS.</summary>
        [Parameter(ParameterSetName = BuiltTrust)]
        public string? AccountId { get; set; }

        /// <summary>The seed's plain trust policy, without aws:SourceAccount / aws:SourceArn.</summary>
        [Parameter(ParameterSetName = BuiltTrust)]
        public SwitchParameter NoSourceCondition { get; set; }

        /// <summary>A trust policy of your own (JSON), as New-IAMRole takes it.</summary>
        [Parameter(Mandatory = true, ParameterSetName = CustomTrust)]
        public string? AssumeRolePolicyDocument { get; set; }

        /// <summary>More AWS managed policies by name: ManagedInstanceCore, DirectoryServiceAccess, CloudWatchAgentServer.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(PolicyNameCompleter))]
        public string[]? Policy { get; set; }

        /// <summary>More managed policies by ARN, such as the custom S3 bucket policy.</summary>
        [Parameter]
        public string[]? PolicyArn { get; set; }

        protected override void ProcessRecord() => Try(() =>
        {
            var spec = SpecBuilder.Build(
                RoleName, Path, Description, MaxSessionDuration, PermissionsBoundary, Tag,
                ActivationRegion, AccountId, NoSourceCondition, AssumeRolePolicyDocument, Policy, PolicyArn);
            var connection = GetConnection();
            var validated = spec.Validate(connection.Partition, connection.Region);
            var policies = string.Join(", ", validated.PolicyArns.Select(a => a.Substring(a.LastIndexOf('/') + 1)));
            if (!ShouldProcess($"role '{RoleName}'", $"Create IAM role trusted by ssm.amazonaws.com and attach {policies}"))
            {
                return;
            }

            var role = RunService((service, call, cancel) => service.CreateAsync(validated, cancel));
            WriteObject(OutputMapper.ToOutput(role));
        });
    }
}
