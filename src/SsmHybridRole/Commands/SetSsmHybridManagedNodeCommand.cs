using SsmHybridRole.Engine.ManagedNodes;
using SsmHybridRole.Engine.Validation;

namespace SsmHybridRole.Commands
{
    /// <summary>
    /// Moves hybrid managed nodes to another IAM role (SSM UpdateManagedInstanceRole), one per pipeline input:
    /// with New- and Remove-SsmHybridServiceRole, this is how a role is rotated. A role made moments ago is
    /// waited for until Systems Manager sees it.
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "SsmHybridManagedNode", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(HybridManagedNode), typeof(void))]
    public sealed class SetSsmHybridManagedNodeCommand : SsmResourceCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(ManagedNodeIdCompleter))]
        [ValidateNotNullOrEmpty]
        public string InstanceId { get; set; } = string.Empty;

        /// <summary>The role the nodes move to (name, or path/name). Never taken from the pipeline.</summary>
        [Parameter(Mandatory = true)]
        [ArgumentCompleter(typeof(RoleNameCompleter))]
        [ValidateNotNullOrEmpty]
        public string RoleName { get; set; } = string.Empty;

        [Parameter]
        public string? RolePath { get; set; }

        /// <summary>Write each node as it is afterwards.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord() => Try(() =>
        {
            SsmInputRules.ManagedNodeId(InstanceId);
            var iamRole = SsmInputRules.SsmRoleName(RoleName, RolePath);
            var region = TargetRegion();
            if (!ShouldProcess($"managed node '{InstanceId}' in {region}", $"Assign IAM role '{iamRole}'"))
            {
                return;
            }

            var node = RunWithConnection(async (connection, call, cancel) =>
            {
                var service = new ManagedNodeService(connection, call);
                await service.SetRoleAsync(region, InstanceId, iamRole, cancel).ConfigureAwait(false);
                return PassThru ? await service.GetAsync(region, InstanceId, cancel).ConfigureAwait(false) : null;
            });
            if (node != null)
            {
                WriteObject(SsmOutputMapper.ToOutput(node));
            }
        });
    }
}
