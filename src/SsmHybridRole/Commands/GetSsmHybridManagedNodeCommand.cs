using SsmHybridRole.Engine.ManagedNodes;
using SsmHybridRole.Engine.Validation;

namespace SsmHybridRole.Commands
{
    /// <summary>
    /// Lists hybrid managed nodes (on-premises servers and VMs, mi-...) with SSM DescribeInstanceInformation,
    /// every page, in one or more Regions: all, or those of a role, an activation, a ping status or an id.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "SsmHybridManagedNode")]
    [OutputType(typeof(HybridManagedNode))]
    public sealed class GetSsmHybridManagedNodeCommand : SsmListingCmdlet
    {
        [Parameter]
        public NodePingStatus[]? PingStatus { get; set; }

        [Parameter]
        [ArgumentCompleter(typeof(ManagedNodeIdCompleter))]
        [ValidateNotNullOrEmpty]
        public string[]? InstanceId { get; set; }

        protected override void ProcessRecord() => Try(() =>
        {
            var nodes = (InstanceId ?? Array.Empty<string>()).ToList();
            nodes.ForEach(id => SsmInputRules.ManagedNodeId(id));
            var pings = (PingStatus ?? Array.Empty<NodePingStatus>()).Select(p => p.ToString()).Distinct().ToList();
            var filter = new ManagedNodeFilter(IamRole(), ActivationIds(), pings, nodes);
            var regions = Regions();
            RunWithConnection((connection, call, cancel) => new ManagedNodeService(connection, call).ListAsync(
                regions,
                filter,
                n => call.Post(() => WriteObject(SsmOutputMapper.ToOutput(n))),
                cancel));
        });
    }
}
