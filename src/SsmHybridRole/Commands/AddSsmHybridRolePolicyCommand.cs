
namespace SsmHybridRole.Commands
{
    /// <summary>
    /// Attaches managed policies to a hybrid service role (Register-IAMRolePolicy for the procedure's
    /// policies). A policy that is already attached is left as it is.
    /// </summary>
    [Cmdlet(VerbsCommon.Add, "SsmHybridRolePolicy", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(HybridServiceRole))]
    public sealed class AddSsmHybridRolePolicyCommand : SsmHybridAwsCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(RoleNameCompleter))]
        [ValidateNotNullOrEmpty]
        public string RoleName { get; set; } = string.Empty;

        /// <summary>AWS managed policies by name: ManagedInstanceCore, DirectoryServiceAccess, CloudWatchAgentServer.</summary>
        [Parameter(Position = 1)]
        [ArgumentCompleter(typeof(PolicyNameCompleter))]
        public string[]? Policy { get; set; }

        /// <summary>Managed policies by ARN, such as a custom S3 bucket policy.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string[]? PolicyArn { get; set; }

        /// <summary>Emit the role with its policies afterwards.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord() => Try(() =>
        {
            var request = PolicyChange.Resolve(this, RoleName, Policy, PolicyArn);
            if (!ShouldProcess($"role '{RoleName}'", "Attach " + request.Describe()))
            {
                return;
            }

            var role = RunService((service, call, cancel) => service.AttachAsync(RoleName, request.PolicyArns, PassThru, cancel));
            if (role != null)
            {
                WriteObject(OutputMapper.ToOutput(role));
            }
        });
    }
}
