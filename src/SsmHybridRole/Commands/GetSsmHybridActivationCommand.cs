using SsmHybridRole.Engine.Activations;

namespace SsmHybridRole.Commands
{
    /// <summary>
    /// Lists hybrid activations (SSM DescribeActivations, every page) in one or more Regions: all, those of a
    /// role, or by id. Never the code: Systems Manager returns it only when the activation is created.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "SsmHybridActivation")]
    [OutputType(typeof(HybridActivation))]
    public sealed class GetSsmHybridActivationCommand : SsmListingCmdlet
    {
        protected override void ProcessRecord() => Try(() =>
        {
            var filter = new ActivationFilter(IamRole(), ActivationIds());
            var regions = Regions();
            RunWithConnection((connection, call, cancel) => new ActivationService(connection, call).ListAsync(
                regions,
                filter,
                a => call.Post(() => WriteObject(SsmOutputMapper.ToOutput(a))),
                cancel));
        });
    }
}
