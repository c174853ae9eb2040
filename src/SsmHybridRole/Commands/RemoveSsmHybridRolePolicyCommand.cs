using SsmHybridRole.Engine.Policies;

namespace SsmHybridRole.Commands
{
    /// <summary>
    /// Detaches managed policies from a hybrid service role. Detaching AmazonSSMManagedInstanceCore breaks
    /// every node that uses the role, so it asks first unless -Force.
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "SsmHybridRolePolicy", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(HybridServiceRole))]
    public sealed class RemoveSsmHybridRolePolicyCommand : SsmHybridAwsCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(RoleNameCompleter))]
        [ValidateNotNullOrEmpty]
        public string RoleName { get; set; } = string.Empty;

        [Parameter(Position = 1)]
        [ArgumentCompleter(typeof(PolicyNameCompleter))]
        public string[]? Policy { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string[]? PolicyArn { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>Detach AmazonSSMManagedInstanceCore without asking.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord() => Try(() =>
        {
            var request = PolicyChange.Resolve(this, RoleName, Policy, PolicyArn);
            if (!ShouldProcess($"role '{RoleName}'", "Detach " + request.Describe()))
            {
                return;
            }

            var core = ManagedPolicyCatalog.ManagedInstanceCore;
            if (request.PolicyArns.Any(a => ManagedPolicyCatalog.FromArn(a) == core)
                && !Force
                && !ShouldContinue(
                    $"Detaching {core.AwsName} from '{RoleName}' stops Systems Manager from managing every node registered with this role. Detach it anyway?",
                    "Detach the required policy?"))
            {
                return;
            }

            var role = RunService((service, call, cancel) => service.DetachAsync(RoleName, request.PolicyArns, PassThru, cancel));
            if (role != null)
            {
                WriteObject(OutputMapper.ToOutput(role));
            }
        });
    }
}
