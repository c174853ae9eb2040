using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using SsmHybridRole.Engine.Aws;
using SsmHybridRole.Engine.Roles;
using SsmHybridRole.Infrastructure;

namespace SsmHybridRole.Commands
{
    /// <summary>
    /// Brings a hybrid service role to the state its parameters describe: creates it when missing, otherwise
    /// updates its trust policy, description, session duration, permissions boundary and tags where they
    /// differ, and attaches what is missing. -WhatIf prints the plan, one line per change. With several
    /// -AccountId values it does so in each account, through an assumed role.
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "SsmHybridServiceRole", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = BuiltTrust)]
    [OutputType(typeof(HybridServiceRole))]
    public sealed class SetSsmHybridServiceRoleCommand : RoleSpecCmdlet
    {
        /// <summary>Also detach managed policies that were not asked for.</summary>
        [Parameter]
        public SwitchParameter ExclusivePolicy { get; set; }

        /// <summary>
        /// The accounts to converge the role in (default: the caller's). Each is also the role's aws:SourceAccount.
        /// Another account is reached by assuming -AssumeRoleName there.
        /// </summary>
        [Parameter]
        public string[]? AccountId { get; set; }

        /// <summary>The role assumed in each other account (default OrganizationAccountAccessRole).</summary>
        [Parameter]
        public string AssumeRoleName { get; set; } = AccountFanOut.DefaultAssumeRoleName;

        /// <summary>How many accounts are worked on at once (default 4).</summary>
        [Parameter]
        public int ThrottleLimit { get; set; } = 4;

        protected override void ProcessRecord() => Try(() =>
        {
            if (AccountId is { Length: > 0 })
            {
                ConvergeAccounts(AccountId);
            }
            else
            {
                Converge();
            }
        });

        private void Converge()
        {
            var validated = ValidatedSpec(null, GetConnection());
            var plan = RunWithConnection((connection, call, cancel) => new RoleConvergenceService(connection, call).PlanAsync(validated, ExclusivePolicy, cancel));
            if (plan.InDesiredState)
            {
                WriteVerbose($"Role '{RoleName}' is already in the wanted state; nothing to change.");
                var unchanged = RunService((service, call, cancel) => service.GetAsync(RoleName, cancel));
                WriteObject(OutputMapper.ToOutput(unchanged, plan.Changes));
                return;
            }

            var approved = new HashSet<PlannedChange>(plan.Changes.Where(change => ShouldProcess($"role '{RoleName}'", change.Description)));
            if (approved.Count == 0)
            {
                return;
            }

            try
            {
                var result = RunWithConnection((connection, call, cancel) => new RoleConvergenceService(connection, call).ApplyAsync(plan, approved.Contains, cancel));
                WriteObject(OutputMapper.ToOutput(result.Role, result.Changes));
            }
            catch (ConvergenceIncompleteException e)
            {
                // The target is the change list, with Applied on each: a script can see exactly what remains.
                WriteError(ErrorRecords.From(e, OutputMapper.ToOutput(RoleName, e.Changes)));
            }
        }

        /// <summary>Plan in every account (reads only), ask about each change here, then apply what was approved.</summary>
        private void ConvergeAccounts(string[] accounts)
        {
            var options = BuildConnectionOptions();
            var plans = new ConcurrentDictionary<string, ConvergencePlan>();
            RunEngine((call, cancel) => AccountFanOut.RunAsync(
                options,
                accounts,
                AssumeRoleName,
                ThrottleLimit,
                (connection, account) => new RoleConvergenceService(connection, call).PlanAsync(ValidatedSpec(account, connection), ExclusivePolicy, cancel),
                (account, plan) => plans[account] = plan,
                (account, failure) => call.Post(() => WriteAccountError(account, failure)),
                call,
                cancel));

            var approved = new HashSet<PlannedChange>();
            foreach (var entry in plans.OrderBy(p => p.Key, System.StringComparer.Ordinal))
            {
                approved.UnionWith(entry.Value.Changes.Where(change => ShouldProcess($"role '{RoleName}' in account {entry.Key}", change.Description)));
            }

            var toRun = plans.Where(p => p.Value.InDesiredState || p.Value.Changes.Any(approved.Contains)).Select(p => p.Key).ToList();
            if (toRun.Count == 0)
            {
                return;
            }

            RunEngine((call, cancel) => AccountFanOut.RunAsync(
                options,
                toRun,
                AssumeRoleName,
                ThrottleLimit,
                async (connection, account) =>
                {
                    var plan = plans[account];
                    if (plan.InDesiredState)
                    {
                        return new ConvergenceResult(await new HybridRoleService(connection, call).GetAsync(RoleName, cancel).ConfigureAwait(false), plan.Changes);
                    }

                    return await new RoleConvergenceService(connection, call).ApplyAsync(plan, approved.Contains, cancel).ConfigureAwait(false);
                },
                (account, result) => call.Post(() => WriteObject(OutputMapper.ToOutput(result.Role, result.Changes))),
                (account, failure) => call.Post(() =>
                {
                    if (failure is ConvergenceIncompleteException incomplete)
                    {
                        WriteError(ErrorRecords.From(incomplete, OutputMapper.ToOutput(RoleName, incomplete.Changes)));
                    }
                    else
                    {
                        WriteAccountError(account, failure);
                    }
                }),
                call,
                cancel));
        }
    }
}
