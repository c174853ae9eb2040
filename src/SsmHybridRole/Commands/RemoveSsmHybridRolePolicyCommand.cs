using SsmHybridRole.Engine.Policies;

namespace SsmHybridRole.Commands
{
    /// <summary>
    /// Detaches managed policies from a hybrid service role. Detaching AmazonSSMManagedInstanceCore breaks
    /// every node that uses the role, so it asks first unless -Force.
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "SsmHybridRolePolicy", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(HybridServiceRole))]
    public sealed class RemoveSsmHybridRolePolicyCommand : RolePolicyCmdlet
    {
        /// <summary>Detach without asking, AmazonSSMManagedInstanceCore included (-WhatIf still only reports).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord() => Try(() =>
        {
            var policyArns = ResolvePolicyArns();
            var target = $"role '{RoleName}'";
            var core = ManagedPolicyCatalog.ManagedInstanceCore;
            if (!ShouldProcessUnlessForced(Force, target, "Detach " + Describe(policyArns))
                || (policyArns.Any(a => ManagedPolicyCatalog.FromArn(a) == core)
                    && !ShouldContinueUnlessForced(Force, target, $"Detach the required policy {core.AwsName}", $"Detaching {core.AwsName} from '{RoleName}' stops Systems Manager from managing every node registered with this role. Detach it anyway?")))
            {
                return;
            }

            WriteRole(RunService((service, call, cancel) => service.DetachAsync(RoleName, policyArns, PassThru, cancel)));
        });
    }
}
