using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using SsmHybridRole.Engine.Roles;
using SsmHybridRole.Infrastructure;

namespace SsmHybridRole.Commands
{
    /// <summary>
    /// Brings a hybrid service role to the state its parameters describe: creates it when missing, otherwise
    /// updates its trust policy, description, session duration, permissions boundary and tags where they
    /// differ, and attaches what is missing. -WhatIf prints the plan, one line per change.
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "SsmHybridServiceRole", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = BuiltTrust)]
    [OutputType(typeof(HybridServiceRole))]
    public sealed class SetSsmHybridServiceRoleCommand : RoleSpecCmdlet
    {
        /// <summary>Also detach managed policies that were not asked for.</summary>
        [Parameter]
        public SwitchParameter ExclusivePolicy { get; set; }

        protected override void ProcessRecord() => Try(Converge);

        private void Converge()
        {
            var validated = ValidatedSpec();
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
    }
}
