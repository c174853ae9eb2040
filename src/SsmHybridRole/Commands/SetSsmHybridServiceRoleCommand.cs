using System.Collections.Concurrent;
using SsmHybridRole.Engine.Roles;
using SsmHybridRole.Engine.Validation;

namespace SsmHybridRole.Commands
{
    /// <summary>
    /// Brings a hybrid service role to the state its parameters describe: creates it when missing, otherwise
    /// updates its trust policy, description, session duration, permissions boundary and tags where they
    /// differ, and attaches what is missing. -WhatIf prints the plan, one line per change. With -AccountId it does
    /// so in each account, through an assumed role.
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "SsmHybridServiceRole", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(HybridServiceRole))]
    public sealed class SetSsmHybridServiceRoleCommand : RoleSpecCmdlet
    {
        /// <summary>Also detach managed policies that were not asked for.</summary>
        [Parameter]
        public SwitchParameter ExclusivePolicy { get; set; }

        /// <summary>Replace the whole trust policy, not only the module's own statement (other statements are kept without it).</summary>
        [Parameter]
        public SwitchParameter ExclusiveTrust { get; set; }

        /// <summary>How many accounts are worked on at once (default 4).</summary>
        [Parameter]
        public int ThrottleLimit { get; set; } = 4;

        /// <summary>
        /// Plan in every account (reads only), ask about each change here, then apply what was approved. Every input
        /// rule is checked first, before a role is assumed in another account.
        /// </summary>
        protected override void ProcessRecord() => Try(() =>
        {
            InputRules.ThrottleLimit(ThrottleLimit);
            ValidatedSpec(null, GetConnection());
            var options = new ConvergenceOptions(ExclusivePolicy, ExclusiveTrust);
            var plans = new ConcurrentDictionary<string, ConvergencePlan>();
            RunInAccounts(Scope(AccountId, ThrottleLimit), (connection, account, call, cancel) => new RoleConvergenceService(connection, call).PlanAsync(ValidatedSpec(account, connection), options, cancel), (account, plan) => plans[account ?? string.Empty] = plan);

            // A role that appeared between a plan and its creation is planned again, and asked about again.
            for (var round = 0; round < 3 && !plans.IsEmpty; round++)
            {
                plans = ApplyApproved(plans);
            }
        });

        /// <summary>Asks about each change, applies what was approved, and returns the plans made again.</summary>
        private ConcurrentDictionary<string, ConvergencePlan> ApplyApproved(ConcurrentDictionary<string, ConvergencePlan> plans)
        {
            var approved = new HashSet<PlannedChange>();
            foreach (var entry in plans.OrderBy(p => p.Key, System.StringComparer.Ordinal))
            {
                if (entry.Value.InDesiredState)
                {
                    WriteVerbose($"Role '{RoleName}' is already in the wanted state; nothing to change.");
                }

                var target = entry.Key.Length == 0 ? $"role '{RoleName}'" : $"role '{RoleName}' in account {entry.Key}";
                approved.UnionWith(entry.Value.Changes.Where(change => ShouldProcess(target, CommandText.Parameters(change.Description))));
            }

            var replanned = new ConcurrentDictionary<string, ConvergencePlan>();
            var toRun = plans.Where(p => p.Value.InDesiredState || p.Value.Changes.Any(approved.Contains)).Select(p => p.Key).ToList();
            if (toRun.Count > 0)
            {
                RunInAccounts(
                    Scope(toRun.Any(a => a.Length == 0) ? null : toRun, ThrottleLimit),
                    (connection, account, call, cancel) => new RoleConvergenceService(connection, call).ApplyAsync(plans[account ?? string.Empty], approved.Contains, cancel),
                    (account, result) =>
                    {
                        if (result.Replanned != null)
                        {
                            replanned[account ?? string.Empty] = result.Replanned;
                        }
                        else
                        {
                            WriteObject(OutputMapper.ToOutput(result.Role!, result.Changes));
                        }
                    },
                    result => result.TakeBack);
            }

            return replanned;
        }
    }
}
