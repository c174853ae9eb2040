using SsmHybridRole.Engine.Roles;
using SsmHybridRole.Engine.Validation;

namespace SsmHybridRole.Commands
{
    /// <summary>
    /// Gets hybrid service roles: by name, by wildcard (every matching role that trusts ssm.amazonaws.com), or
    /// without a name every hybrid service role in the account (-All: every role that trusts ssm.amazonaws.com).
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "SsmHybridServiceRole")]
    [OutputType(typeof(HybridServiceRole))]
    public sealed class GetSsmHybridServiceRoleCommand : SsmHybridAwsCmdlet
    {
        private readonly RoleNameSelection selection = new RoleNameSelection();

        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(RoleNameCompleter))]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[]? RoleName { get; set; }

        /// <summary>
        /// The account the role is in, as a piped role or test result brings it. This command works in the account of
        /// its credentials only, and refuses a role of another account before any change.
        /// </summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? AccountId { get; set; }

        /// <summary>Without a name: every role that trusts ssm.amazonaws.com, not only hybrid service roles.</summary>
        [Parameter]
        public SwitchParameter All { get; set; }

        protected override void ProcessRecord()
        {
            if (!Try(() => RefuseRoleOfOtherAccount(AccountId, string.Join(", ", RoleName ?? Array.Empty<string>()))))
            {
                return;
            }

            foreach (var name in selection.Add(RoleName))
            {
                Try(() =>
                {
                    InputRules.RoleName(name);
                    WriteObject(OutputMapper.ToOutput(RunService((service, call, cancel) => service.GetAsync(name, cancel))));
                });
            }
        }

        /// <summary>Wildcards and the no-name listing share one pass over ListRoles, however many patterns came.</summary>
        protected override void EndProcessing()
        {
            if (selection.NeedsListing)
            {
                Try(() => RunWithConnection((connection, call, cancel) => new RoleReader(connection, call).ListAsync(
                    selection.Matches,
                    requireSsmTrust: true,
                    hybridOnly: selection.HybridOnly && !All,
                    role => call.Post(() => WriteObject(OutputMapper.ToOutput(role))),
                    cancel)));
            }
        }
    }
}
