namespace SsmHybridRole.Commands
{
    /// <summary>
    /// Attaches managed policies to a hybrid service role (Register-IAMRolePolicy for the procedure's
    /// policies). A policy that is already attached is left as it is.
    /// </summary>
    [Cmdlet(VerbsCommon.Add, "SsmHybridRolePolicy", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(HybridServiceRole))]
    public sealed class AddSsmHybridRolePolicyCommand : RolePolicyCmdlet
    {
        protected override void ProcessRecord() => Try(() =>
        {
            var policyArns = ResolvePolicyArns();
            if (ShouldProcess($"role '{RoleName}'", "Attach " + Describe(policyArns)))
            {
                WriteRole(RunService((service, call, cancel) => service.AttachAsync(RoleName, policyArns, PassThru, cancel)));
            }
        });
    }
}
