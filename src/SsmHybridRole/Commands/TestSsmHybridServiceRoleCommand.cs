using SsmHybridRole.Engine.Accounts;
using SsmHybridRole.Engine.Roles;
using SsmHybridRole.Engine.Validation;

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
        // The names asked for, per set of accounts: piped rows may come from different accounts, and a wildcard is
        // listed in the accounts of the row that brought it.
        private readonly Dictionary<string, (string[]? Accounts, RoleNameSelection Selection)> selections = new Dictionary<string, (string[]?, RoleNameSelection)>(StringComparer.Ordinal);

        /// <summary>Roles by name or wildcard; without a name, every hybrid service role in the account (the set Get-SsmHybridServiceRole lists).</summary>
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(RoleNameCompleter))]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[]? RoleName { get; set; }

        /// <summary>Regions the trust's aws:SourceArn must cover.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(RegionCompleter))]
        public string[]? ActivationRegion { get; set; }

        /// <summary>Return only $true or $false for each role.</summary>
        [Parameter]
        public SwitchParameter Quiet { get; set; }

        /// <summary>The accounts to check the roles in (default: the caller's), through -AssumeRoleName; a piped role brings its own.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [TextList]
        public string[]? AccountId { get; set; }

        /// <summary>The role assumed in each other account (default OrganizationAccountAccessRole).</summary>
        [Parameter]
        public string AssumeRoleName { get; set; } = KnownNames.DefaultAssumeRoleName;

        /// <summary>How many accounts are checked at once (default 4).</summary>
        [Parameter]
        public int ThrottleLimit { get; set; } = 4;

        protected override void ProcessRecord()
        {
            var key = string.Join(",", AccountId ?? Array.Empty<string>());
            if (!selections.TryGetValue(key, out var entry))
            {
                selections[key] = entry = (AccountId, new RoleNameSelection());
            }

            var named = entry.Selection.Add(RoleName).ToList();
            if (named.Count > 0)
            {
                Check(named, null, AccountId);
            }
        }

        /// <summary>Wildcards and the no-name case: the roles one listing selects, in each account.</summary>
        protected override void EndProcessing()
        {
            foreach (var (accounts, selection) in selections.Values.Where(e => e.Selection.NeedsListing))
            {
                Check(Array.Empty<string>(), new RoleSelection(selection.Matches, selection.HybridOnly), accounts);
            }
        }

        private void Check(IReadOnlyList<string> names, RoleSelection? listed, string[]? accounts) => Try(() =>
        {
            InputRules.ThrottleLimit(ThrottleLimit);
            RunInAccounts(
                new AccountScope(accounts, AssumeRoleName, ThrottleLimit),
                (connection, account, call, cancel) => new RoleCheckService(connection, call).TestAllAsync(
                    names,
                    listed,
                    ActivationRegion ?? Array.Empty<string>(),
                    result => call.Post(() => WriteObject(Quiet ? result.Passed : OutputMapper.ToOutput(result, account))),
                    failure => call.Post(() => WriteFailure(account, failure)),
                    cancel));
        });
    }
}
