using SsmHybridRole.Engine.ManagedNodes;
using SsmHybridRole.Engine.Validation;

namespace SsmHybridRole.Commands
{
    /// <summary>
    /// Deregisters hybrid managed nodes (SSM DeregisterManagedInstance): the server is no longer managed, and
    /// registering it again takes a new activation.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Unregister, "SsmHybridManagedNode", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(void))]
    public sealed class UnregisterSsmHybridManagedNodeCommand : SsmResourceCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(ManagedNodeIdCompleter))]
        [ValidateNotNullOrEmpty]
        public string InstanceId { get; set; } = string.Empty;

        /// <summary>Deregister without asking for confirmation (-WhatIf still only reports).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord() => Try(() =>
        {
            SsmInputRules.ManagedNodeId(InstanceId);
            var region = TargetRegion();
            if (!ShouldProcessUnlessForced(Force, $"managed node '{InstanceId}' in {region}", "Deregister the managed node (registering it again takes a new activation)"))
            {
                return;
            }

            RunWithConnection((connection, call, cancel) => new ManagedNodeService(connection, call).DeregisterAsync(region, InstanceId, cancel));
        });
    }
}
