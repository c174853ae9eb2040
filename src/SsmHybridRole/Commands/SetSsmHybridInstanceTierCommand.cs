using SsmHybridRole.Engine.ManagedNodes;

namespace SsmHybridRole.Commands
{
    /// <summary>
    /// Sets the account's instance tier for hybrid nodes in one or more Regions. Advanced is charged per
    /// advanced node and hour; it is needed for Session Manager on hybrid nodes, for more than 1,000 of them
    /// in a Region, and for patching Microsoft applications on them. A Region already at the tier is left alone.
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "SsmHybridInstanceTier", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(HybridInstanceTier))]
    public sealed class SetSsmHybridInstanceTierCommand : SsmRegionsCmdlet
    {
        [Parameter(Mandatory = true, Position = 0)]
        public InstanceTier Tier { get; set; }

        /// <summary>Change without asking for confirmation (-WhatIf still only reports).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void EndProcessing() => Try(() =>
        {
            var wanted = Tier == InstanceTier.Advanced ? InstanceTiers.Advanced : InstanceTiers.Standard;
            var cost = Tier == InstanceTier.Advanced ? " (charged per advanced node and hour)" : " (reverting all nodes can take 30 minutes or more)";
            foreach (var region in RegionsOrSession())
            {
                var target = $"instance tier of hybrid nodes in {region}";
                if (WhatIfRequested())
                {
                    // -WhatIf sends nothing, not even the read that would tell the current tier.
                    ShouldProcess(target, $"Set to {Tier}{cost}");
                    continue;
                }

                var current = RunWithConnection((connection, call, cancel) => new ManagedNodeService(connection, call).GetTierAsync(region, cancel));
                if (current.IsAdvanced == (Tier == InstanceTier.Advanced))
                {
                    WriteVerbose($"The instance tier in {region} already is {Tier}; nothing to do.");
                    WriteObject(SsmOutputMapper.ToOutput(current));
                }
                else if (ShouldProcessUnlessForced(Force, target, $"Change from {SsmOutputMapper.ToOutput(current).Tier} to {Tier}{cost}"))
                {
                    WriteObject(SsmOutputMapper.ToOutput(RunWithConnection((connection, call, cancel) => new ManagedNodeService(connection, call).SetTierAsync(region, wanted, cancel))));
                }
            }
        });
    }
}
