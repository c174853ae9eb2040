using SsmHybridRole.Engine.Roles;

namespace SsmHybridRole.Commands
{
    /// <summary>
    /// Emits the trust policy JSON of a hybrid service role (the seed's SSMService-Trust.json, made current
    /// with aws:SourceAccount and aws:SourceArn). With -SourceAccountId it makes no AWS call.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "SsmHybridTrustPolicy")]
    [OutputType(typeof(string))]
    public sealed class NewSsmHybridTrustPolicyCommand : SsmHybridAwsCmdlet
    {
        /// <summary>
        /// The account the trust names (aws:SourceAccount, aws:SourceArn); without it, the caller's account from STS.
        /// Named as on New- and Set-SsmHybridServiceRole, where -AccountId is where the role is made.
        /// </summary>
        [Parameter(Position = 0)]
        public string? SourceAccountId { get; set; }

        [Parameter]
        [ArgumentCompleter(typeof(RegionCompleter))]
        public string[]? ActivationRegion { get; set; }

        /// <summary>The partition of the ARNs; default: the Region's.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(PartitionCompleter))]
        public string? Partition { get; set; }

        [Parameter]
        public SwitchParameter NoSourceCondition { get; set; }

        protected override void EndProcessing() => Try(() =>
        {
            var request = new TrustPolicyRequest
            {
                SourceAccountId = SourceAccountId,
                ActivationRegions = ActivationRegion ?? Array.Empty<string>(),
                PartitionName = Partition,
                NoSourceCondition = NoSourceCondition,
            };
            var connection = request.NeedsConnection(BuildConnectionOptions()) ? GetConnection() : null;
            WriteObject(RunEngine((call, cancel) => request.BuildAsync(connection, call, cancel)));
        });
    }
}
