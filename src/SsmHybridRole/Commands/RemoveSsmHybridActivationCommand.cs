using SsmHybridRole.Engine.Activations;
using SsmHybridRole.Engine.Validation;

namespace SsmHybridRole.Commands
{
    /// <summary>
    /// Deletes hybrid activations (SSM DeleteActivation), so no more servers can register with them. Servers
    /// already registered stay registered.
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "SsmHybridActivation", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(void))]
    public sealed class RemoveSsmHybridActivationCommand : SsmResourceCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(ActivationIdCompleter))]
        [ValidateNotNullOrEmpty]
        public string ActivationId { get; set; } = string.Empty;

        /// <summary>Delete without asking for confirmation (-WhatIf still only reports).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord() => Try(() =>
        {
            SsmInputRules.ActivationId(ActivationId);
            var region = TargetRegion();
            if (!ShouldProcessUnlessForced(Force, $"activation '{ActivationId}' in {region}", "Delete the hybrid activation (servers registered with it stay registered)"))
            {
                return;
            }

            RunWithConnection((connection, call, cancel) => new ActivationService(connection, call).DeleteAsync(region, ActivationId, cancel));
        });
    }
}
