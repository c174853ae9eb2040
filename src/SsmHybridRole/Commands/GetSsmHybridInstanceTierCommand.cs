using SsmHybridRole.Engine.ManagedNodes;

namespace SsmHybridRole.Commands
{
    /// <summary>
    /// Reads the account's instance tier for hybrid nodes in one or more Regions (the service setting
    /// /ssm/managed-instance/activation-tier): Standard, or Advanced, which Session Manager needs on them.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "SsmHybridInstanceTier")]
    [OutputType(typeof(HybridInstanceTier))]
    public sealed class GetSsmHybridInstanceTierCommand : SsmRegionsCmdlet
    {
        protected override void EndProcessing() => Try(() =>
        {
            foreach (var region in RegionsOrSession())
            {
                WriteObject(SsmOutputMapper.ToOutput(RunWithConnection((connection, call, cancel) => new ManagedNodeService(connection, call).GetTierAsync(region, cancel))));
            }
        });
    }
}
