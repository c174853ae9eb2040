using System.Management.Automation;
using SsmHybridRole.Engine.Aws;
using SsmHybridRole.Engine.Policies;
using SsmHybridRole.Engine.Roles;
using SsmHybridRole.Infrastructure;

namespace SsmHybridRole.Commands
{
    /// <summary>
    /// Emits the trust policy JSON of a hybrid service role (the seed's SSMService-Trust.json, made current
    /// with aws:SourceAccount and aws:SourceArn). With -AccountId it makes no AWS call.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "SsmHybridTrustPolicy")]
    [OutputType(typeof(string))]
    public sealed class NewSsmHybridTrustPolicyCommand : SsmHybridAwsCmdlet
    {
        /// <summary>The account for aws:SourceAccount; without it, the caller's account from STS.</summary>
        [Parameter(Position = 0)]
        public string? AccountId { get; set; }

        [Parameter]
        [ArgumentCompleter(typeof(RegionCompleter))]
        public string[]? ActivationRegion { get; set; }

        /// <summary>The partition of the ARNs; default: the Region's.</summary>
        [Parameter]
        [ValidateSet("aws", "aws-cn", "aws-us-gov")]
        public string? Partition { get; set; }

        [Parameter]
        public SwitchParameter NoSourceCondition { get; set; }

        protected override void EndProcessing() => Try(() =>
        {
            // An explicit Region, else the first named activation Region, else the session's: the document's
            // partition follows what the caller asked for before what the environment happens to say.
            var region = Region
                ?? (ActivationRegion is { Length: > 0 } && ActivationRegion[0] != "*" ? ActivationRegion[0] : null)
                ?? AwsConnectionFactory.ResolveRegionOnly(BuildConnectionOptions());
            var partition = AwsPartition.FromName(Partition) ?? (region != null ? AwsPartition.FromRegion(region) : null);
            var offline = AccountId != null || NoSourceCondition;
            if (!offline || partition is null)
            {
                var connection = GetConnection();
                partition ??= connection.Partition;
                region ??= connection.Region;
            }

            var spec = new HybridRoleSpec
            {
                AccountId = AccountId,
                ActivationRegions = ActivationRegion ?? System.Array.Empty<string>(),
                NoSourceCondition = NoSourceCondition,
            };
            var validated = spec.Validate(partition, region);
            var document = offline
                ? TrustPolicy.Build(partition, AccountId, validated.ActivationRegions, NoSourceCondition)
                : RunService((service, call, cancel) => service.BuildTrustPolicyAsync(validated, cancel));
            WriteObject(document);
        });
    }
}
