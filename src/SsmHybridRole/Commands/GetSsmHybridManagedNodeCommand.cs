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
    public sealed class GetSsmHybridManagedNodeCommand : SsmRegionsCmdlet
    {
        /// <summary>Only the nodes that use this role (name, or path/name).</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(RoleNameCompleter))]
        [ValidateNotNullOrEmpty]
        public string? RoleName { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Path")]
        public string? RolePath { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(ActivationIdCompleter))]
        [ValidateNotNullOrEmpty]
        public string[]? ActivationId { get; set; }

        [Parameter]
        public NodePingStatus[]? PingStatus { get; set; }

        [Parameter]
        [ArgumentCompleter(typeof(ManagedNodeIdCompleter))]
        [ValidateNotNullOrEmpty]
        public string[]? InstanceId { get; set; }

        protected override void ProcessRecord() => Try(() =>
        {
            var regions = Regions();
            var iamRole = RoleName is null ? null : SsmInputRules.SsmRoleName(RoleName, RolePath);
            var activations = (ActivationId ?? Array.Empty<string>()).ToList();
            activations.ForEach(id => SsmInputRules.ActivationId(id));
            var nodes = (InstanceId ?? Array.Empty<string>()).ToList();
            nodes.ForEach(id => SsmInputRules.ManagedNodeId(id));
            var filter = new ManagedNodeFilter(iamRole, activations, (PingStatus ?? Array.Empty<NodePingStatus>()).Select(p => p.ToString()).Distinct().ToList(), nodes);
            RunWithConnection((connection, call, cancel) => new ManagedNodeService(connection, call).ListAsync(
                regions,
                filter,
                n => call.Post(() => WriteObject(SsmOutputMapper.ToOutput(n))),
                cancel));
        });
    }
}
