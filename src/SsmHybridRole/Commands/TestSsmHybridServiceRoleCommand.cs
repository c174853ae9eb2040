using SsmHybridRole.Engine.Accounts;
using SsmHybridRole.Engine.Roles;

namespace SsmHybridRole.Commands
{
    /// <summary>
    /// Checks hybrid service roles: the role exists, its trust lets ssm.amazonaws.com assume it with
    /// consistent confused-deputy conditions, AmazonSSMManagedInstanceCore is attached, the deprecated policy
    /// is not relied on, the attached-policies quota has room, and it is not service-linked.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "SsmHybridServiceRole")]
    [OutputType(typeof(HybridRoleTestResult), typeof(bool))]
    public sealed class TestSsmHybridServiceRoleCommand : SsmHybridAwsCmdlet
    {
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(RoleNameCompleter))]
        [ValidateNotNullOrEmpty]
        public string[] RoleName { get; set; } = { KnownNames.DefaultRoleName };

        /// <summary>Regions the trust's aws:SourceArn must cover.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(RegionCompleter))]
        public string[]? ActivationRegion { get; set; }

        /// <summary>Return only $true or $false for each role.</summary>
        [Parameter]
        public SwitchParameter Quiet { get; set; }

        /// <summary>The accounts to check the roles in (default: the caller's), through -AssumeRoleName.</summary>
        [Parameter]
        public string[]? AccountId { get; set; }

        /// <summary>The role assumed in each other account (default OrganizationAccountAccessRole).</summary>
        [Parameter]
        public string AssumeRoleName { get; set; } = KnownNames.DefaultAssumeRoleName;

        /// <summary>How many accounts are checked at once (default 4).</summary>
        [Parameter]
        public int ThrottleLimit { get; set; } = 4;

        protected override void ProcessRecord() => Try(() => RunInAccounts(
            new AccountScope(AccountId, AssumeRoleName, ThrottleLimit),
            (connection, account, call, cancel) => new RoleCheckService(connection, call).TestAllAsync(
                RoleName,
                ActivationRegion ?? Array.Empty<string>(),
                result => call.Post(() => WriteObject(Quiet ? result.Passed : OutputMapper.ToOutput(result, account))),
                failure => call.Post(() => WriteFailure(account, failure)),
                cancel)));
    }
}
