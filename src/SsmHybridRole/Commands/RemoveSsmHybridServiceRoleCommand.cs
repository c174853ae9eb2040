using SsmHybridRole.Engine.Roles;
using SsmHybridRole.Engine.Validation;

namespace SsmHybridRole.Commands
{
    /// <summary>
    /// Removes a hybrid service role the way IAM requires: out of its instance profiles, managed policies
    /// detached, inline policies deleted, then the role itself.
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "SsmHybridServiceRole", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(void))]
    public sealed class RemoveSsmHybridServiceRoleCommand : SsmHybridAwsCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(RoleNameCompleter))]
        [ValidateNotNullOrEmpty]
        public string RoleName { get; set; } = string.Empty;

        /// <summary>Remove without asking for confirmation (-WhatIf still only reports).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord() => Try(() =>
        {
            InputRules.RoleName(RoleName);
            if (!ShouldProcessUnlessForced(Force, $"role '{RoleName}'", "Remove IAM role (instance-profile memberships, attached and inline policies, then the role)"))
            {
                return;
            }

            RunWithConnection((connection, call, cancel) => new HybridRoleService(connection, call).RemoveAsync(RoleName, cancel));
        });
    }
}
