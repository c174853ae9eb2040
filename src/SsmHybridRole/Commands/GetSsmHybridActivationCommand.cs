using SsmHybridRole.Engine.Activations;
using SsmHybridRole.Engine.Validation;

namespace SsmHybridRole.Commands
{
    /// <summary>
    /// Lists hybrid activations (SSM DescribeActivations, every page) in one or more Regions: all, those of a
    /// role, or by id. Never the code: Systems Manager returns it only when the activation is created.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "SsmHybridActivation")]
    [OutputType(typeof(HybridActivation))]
    public sealed class GetSsmHybridActivationCommand : SsmRegionsCmdlet
    {
        /// <summary>Only the activations of this role (name, or path/name).</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(RoleNameCompleter))]
        [ValidateNotNullOrEmpty]
        public string? RoleName { get; set; }

        /// <summary>The role's path; binds from a piped role object's Path.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Path")]
        public string? RolePath { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(ActivationIdCompleter))]
        [ValidateNotNullOrEmpty]
        public string[]? ActivationId { get; set; }

        protected override void ProcessRecord() => Try(() =>
        {
            var regions = Regions();
            var iamRole = RoleName is null ? null : SsmInputRules.SsmRoleName(RoleName, RolePath);
            var ids = (ActivationId ?? Array.Empty<string>()).ToList();
            ids.ForEach(id => SsmInputRules.ActivationId(id));
            RunWithConnection((connection, call, cancel) => new ActivationService(connection, call).ListAsync(
                regions,
                new ActivationFilter(iamRole, ids),
                a => call.Post(() => WriteObject(SsmOutputMapper.ToOutput(a))),
                cancel));
        });
    }
}
