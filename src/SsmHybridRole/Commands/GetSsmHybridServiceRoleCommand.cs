using SsmHybridRole.Engine.Roles;
using SsmHybridRole.Engine.Validation;

namespace SsmHybridRole.Commands
{
    /// <summary>
    /// Gets hybrid service roles: by name, by wildcard, or (without a name) every role in the account
    /// whose trust policy lets ssm.amazonaws.com assume it.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "SsmHybridServiceRole")]
    [OutputType(typeof(HybridServiceRole))]
    public sealed class GetSsmHybridServiceRoleCommand : SsmHybridAwsCmdlet
    {
        private readonly List<WildcardPattern> patterns = new List<WildcardPattern>();

        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(RoleNameCompleter))]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[]? RoleName { get; set; }

        protected override void ProcessRecord()
        {
            if (RoleName is null || RoleName.Length == 0)
            {
                patterns.Add(new WildcardPattern("*"));
                return;
            }

            foreach (var name in RoleName)
            {
                if (WildcardPattern.ContainsWildcardCharacters(name))
                {
                    patterns.Add(new WildcardPattern(name, WildcardOptions.IgnoreCase));
                    continue;
                }

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
            if (patterns.Count == 0)
            {
                return;
            }

            Try(() => RunWithConnection((connection, call, cancel) => new RoleReader(connection, call).ListAsync(
                name => patterns.Any(p => p.IsMatch(name)),
                requireSsmTrust: true,
                role => call.Post(() => WriteObject(OutputMapper.ToOutput(role))),
                cancel)));
        }
    }
}
