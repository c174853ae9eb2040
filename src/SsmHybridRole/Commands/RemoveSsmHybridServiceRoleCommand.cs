using SsmHybridRole.Engine.Roles;
using SsmHybridRole.Engine.Validation;

namespace SsmHybridRole.Commands
{
    /// <summary>
    /// Removes hybrid service roles the way IAM requires: out of their instance profiles, managed policies
    /// detached, inline policies deleted, then the role. Without -Force it refuses, before any write, a role
    /// that is not a hybrid service role and one that activations or registered managed nodes still use.
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "SsmHybridServiceRole", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(void))]
    public sealed class RemoveSsmHybridServiceRoleCommand : AwsConnectionCmdlet
    {
        private readonly RoleNameSelection selection = new RoleNameSelection();

        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(RoleNameCompleter))]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[] RoleName { get; set; } = Array.Empty<string>();

        /// <summary>The Regions where Systems Manager is asked whether the role is still in use (default: the session's Region).</summary>
        [Parameter]
        [Alias("RegionToCall")]
        [ArgumentCompleter(typeof(RegionCompleter))]
        public string[]? Region { get; set; }

        protected override string? ConnectionRegion => Region?.FirstOrDefault();

        /// <summary>
        /// The account the role is in, as a piped role or test result brings it. This command works in the account of
        /// its credentials only, and refuses a role of another account before any change.
        /// </summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? AccountId { get; set; }

        /// <summary>Remove without asking, and also a role that is not a hybrid service role or is still in use (-WhatIf still only reports).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            if (!Try(() => RefuseRoleOfOtherAccount(AccountId, string.Join(", ", RoleName))))
            {
                return;
            }

            foreach (var name in selection.Add(RoleName))
            {
                RemoveOne(name);
            }
        }

        /// <summary>Wildcards: every role that trusts ssm.amazonaws.com and matches, each checked like a named one.</summary>
        protected override void EndProcessing()
        {
            if (!selection.NeedsListing)
            {
                return;
            }

            var matching = new List<string>();
            Try(() => RunWithConnection((connection, call, cancel) => new RoleReader(connection, call).ListAsync(selection.Matches, requireSsmTrust: true, hybridOnly: false, role => matching.Add(role.RoleName), cancel)));
            matching.ForEach(RemoveOne);
        }

        private void RemoveOne(string name) => Try(() =>
        {
            InputRules.RoleName(name);
            if (!Force)
            {
                RunWithConnection((connection, call, cancel) => new RoleRemovalGuard(connection, call).CheckAsync(name, Region ?? Array.Empty<string>(), cancel));
            }

            if (ShouldProcessUnlessForced(Force, $"role '{name}'", "Remove IAM role (instance-profile memberships, attached and inline policies, then the role)"))
            {
                RunWithConnection((connection, call, cancel) => new HybridRoleService(connection, call).RemoveAsync(name, cancel));
            }
        });
    }
}
