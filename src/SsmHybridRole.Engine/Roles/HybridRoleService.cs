using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SsmHybridRole.Engine.Aws;
using SsmHybridRole.Engine.Errors;
using SsmHybridRole.Engine.Iam;
using SsmHybridRole.Engine.Iam.Model;
using SsmHybridRole.Engine.Policies;

namespace SsmHybridRole.Engine.Roles
{
    /// <summary>
    /// Creates, reads, changes and removes hybrid service roles. Every cmdlet goes through here; it is the
    /// only place that decides which IAM calls a task takes, in which order, and how a failure is undone.
    /// </summary>
    public sealed class HybridRoleService
    {
        private static readonly TimeSpan RollbackTimeout = TimeSpan.FromSeconds(60);

        private readonly AwsConnection connection;
        private readonly IIdentityManagementService iam;
        private readonly IOperationReporter reporter;

        public HybridRoleService(AwsConnection connection, IOperationReporter reporter)
        {
            this.connection = connection ?? throw new ArgumentNullException(nameof(connection));
            iam = connection.Iam;
            this.reporter = reporter ?? SilentReporter.Instance;
        }

        public AwsPartition Partition => connection.Partition;

        public string? Region => connection.Region;

        /// <summary>The trust policy a spec asks for, looking the account id up with STS only when it is needed.</summary>
        public async Task<string> BuildTrustPolicyAsync(ValidatedRoleSpec spec, CancellationToken cancellationToken)
        {
            if (spec is null)
            {
                throw new ArgumentNullException(nameof(spec));
            }

            if (spec.Spec.AssumeRolePolicyDocument != null)
            {
                return spec.Spec.AssumeRolePolicyDocument;
            }

            string? accountId = spec.Spec.AccountId;
            if (spec.NeedsAccountLookup)
            {
                reporter.Verbose("STS GetCallerIdentity: looking up the account id for the trust policy's source conditions.");
                accountId = await IamCall.RunAsync(() => connection.GetAccountIdAsync(cancellationToken), "sts:GetCallerIdentity", null).ConfigureAwait(false);
            }

            return TrustPolicy.Build(spec.Partition, accountId, spec.ActivationRegions, spec.Spec.NoSourceCondition);
        }

        /// <summary>
        /// Creates the role and attaches its policies. If any step after CreateRole fails (or is cancelled),
        /// what was made is removed again and the original failure is thrown; if that undoing fails too, the
        /// exception says what remains and how to finish.
        /// </summary>
        public async Task<HybridRole> CreateAsync(ValidatedRoleSpec spec, CancellationToken cancellationToken)
        {
            if (spec is null)
            {
                throw new ArgumentNullException(nameof(spec));
            }

            var s = spec.Spec;
            var trust = await BuildTrustPolicyAsync(spec, cancellationToken).ConfigureAwait(false);
            var request = new CreateRoleRequest
            {
                RoleName = s.RoleName,
                AssumeRolePolicyDocument = trust,
                Path = s.Path,
                Description = s.Description,
                MaxSessionDuration = s.MaxSessionDuration,
                PermissionsBoundary = s.PermissionsBoundary,
                Tags = s.Tags.Select(t => new Tag { Key = t.Key, Value = t.Value }).ToList(),
            };

            var totalSteps = 1 + spec.PolicyArns.Count;
            Step(s.RoleName, 0, totalSteps, "iam:CreateRole");
            reporter.Verbose($"iam:CreateRole '{s.RoleName}' (path {s.Path ?? "/"}, trust for {TrustPolicy.SsmServicePrincipal}" +
                             (spec.Spec.NoSourceCondition || s.AssumeRolePolicyDocument != null ? ")" : $" from account and Regions {string.Join(", ", spec.ActivationRegions)})"));
            var created = await EventualConsistency.RetryAsync(
                () => IamCall.RunAsync(() => iam.CreateRoleAsync(request, cancellationToken), "iam:CreateRole", s.RoleName),
                IsInvalidPrincipal,
                $"Waiting for IAM to accept principal {TrustPolicy.SsmServicePrincipal}",
                reporter,
                cancellationToken).ConfigureAwait(false);
            EventualConsistency.NoteCreated(connection.Key, s.RoleName);

            Step(s.RoleName, 1, totalSteps, $"iam:AttachRolePolicy x{spec.PolicyArns.Count}");
            var (attached, failure) = await AttachAllAsync(s.RoleName, spec.PolicyArns, cancellationToken).ConfigureAwait(false);
            StepsDone(s.RoleName);
            if (failure != null)
            {
                await RollBackCreateAsync(s.RoleName, attached, failure.SourceException).ConfigureAwait(false);
                failure.Throw();
            }

            return HybridRole.From(created.Role, attached, request.Tags);
        }

        /// <summary>
        /// Attaches the policies side by side (they are independent, and a role has at most ten), keeping
        /// their order in the result. Every attempt finishes before this returns, so the caller knows exactly
        /// what is attached; the first failure, in policy order, is returned to be thrown.
        /// </summary>
        private async Task<(List<AttachedPolicy> Attached, System.Runtime.ExceptionServices.ExceptionDispatchInfo? Failure)> AttachAllAsync(string roleName, IReadOnlyList<string> policyArns, CancellationToken cancellationToken)
        {
            var outcomes = await Task.WhenAll(policyArns.Select(async policyArn =>
            {
                try
                {
                    await AttachOneAsync(roleName, policyArn, cancellationToken).ConfigureAwait(false);
                    return (policyArn, (Exception?)null);
                }
                catch (Exception e)
                {
                    return (policyArn, e);
                }
            })).ConfigureAwait(false);
            var attached = outcomes.Where(o => o.Item2 is null).Select(o => new AttachedPolicy { PolicyArn = o.policyArn, PolicyName = HybridRole.PolicyNameFromArn(o.policyArn) }).ToList();
            var failure = outcomes.Select(o => o.Item2).FirstOrDefault(e => e != null);
            return (attached, failure is null ? null : System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure));
        }

        /// <summary>Attaches managed policies that are not attached yet; attached ones are reported and skipped.</summary>
        public async Task<HybridRole?> AttachAsync(string roleName, IReadOnlyList<string> policyArns, bool readBack, CancellationToken cancellationToken)
        {
            var attached = await ListAttachedAsync(roleName, cancellationToken).ConfigureAwait(false);
            foreach (var policyArn in policyArns.Where(a => attached.Any(p => string.Equals(p.PolicyArn, a, StringComparison.Ordinal))))
            {
                reporter.Verbose($"'{HybridRole.PolicyNameFromArn(policyArn)}' is already attached to role '{roleName}'; nothing to do.");
            }

            var missing = policyArns.Where(a => !attached.Any(p => string.Equals(p.PolicyArn, a, StringComparison.Ordinal))).ToList();
            var (_, failure) = await AttachAllAsync(roleName, missing, cancellationToken).ConfigureAwait(false);
            failure?.Throw();

            return readBack ? await GetAsync(roleName, cancellationToken).ConfigureAwait(false) : null;
        }

        /// <summary>Detaches managed policies; one that is not attached is reported and skipped.</summary>
        public async Task<HybridRole?> DetachAsync(string roleName, IReadOnlyList<string> policyArns, bool readBack, CancellationToken cancellationToken)
        {
            var attached = await ListAttachedAsync(roleName, cancellationToken).ConfigureAwait(false);
            foreach (var policyArn in policyArns)
            {
                if (!attached.Any(p => string.Equals(p.PolicyArn, policyArn, StringComparison.Ordinal)))
                {
                    reporter.Verbose($"'{HybridRole.PolicyNameFromArn(policyArn)}' is not attached to role '{roleName}'; nothing to do.");
                    continue;
                }

                reporter.Verbose($"iam:DetachRolePolicy '{policyArn}' from role '{roleName}'.");
                await IamCall.RunAsync(() => iam.DetachRolePolicyAsync(new DetachRolePolicyRequest { RoleName = roleName, PolicyArn = policyArn }, cancellationToken), "iam:DetachRolePolicy", roleName, policyArn).ConfigureAwait(false);
            }

            return readBack ? await GetAsync(roleName, cancellationToken).ConfigureAwait(false) : null;
        }

        /// <summary>One role with its attached policies and tags.</summary>
        public async Task<HybridRole> GetAsync(string roleName, CancellationToken cancellationToken)
        {
            reporter.Verbose($"iam:GetRole and iam:ListAttachedRolePolicies '{roleName}'.");
            var roleTask = WaitForNewRole(roleName, () => IamCall.RunAsync(() => iam.GetRoleAsync(new GetRoleRequest { RoleName = roleName }, cancellationToken), "iam:GetRole", roleName), cancellationToken);
            var attachedTask = ListAttachedAsync(roleName, cancellationToken);
            await Task.WhenAll(roleTask, attachedTask).ConfigureAwait(false);
            return HybridRole.From((await roleTask.ConfigureAwait(false)).Role, await attachedTask.ConfigureAwait(false));
        }

        /// <summary>
        /// Every role (all ListRoles pages) whose name passes <paramref name="nameFilter"/> and, when
        /// <paramref name="requireSsmTrust"/>, whose trust lets ssm.amazonaws.com assume it; each is handed to
        /// <paramref name="onRole"/> as soon as it is read.
        /// </summary>
        public async Task ListAsync(Func<string, bool> nameFilter, bool requireSsmTrust, Action<HybridRole> onRole, CancellationToken cancellationToken)
        {
            if (nameFilter is null || onRole is null)
            {
                throw new ArgumentNullException(nameFilter is null ? nameof(nameFilter) : nameof(onRole));
            }

            var matches = new List<Role>();
            var pages = 0;
            reporter.Verbose("iam:ListRoles (all pages).");
            await IamCall.RunAsync(
                () => iam.ForEachRolePageAsync(
                    null,
                    page =>
                    {
                        pages++;
                        matches.AddRange(page.Where(r => nameFilter(r.RoleName) && (!requireSsmTrust || TrustPolicy.Analyze(r.AssumeRolePolicyDocument).AllowsSsmAssumeRole)));
                        reporter.Progress(new OperationProgress(ActivityIds.Listing, "Listing IAM roles", $"Page {pages}: {matches.Count} matching so far"));
                    },
                    cancellationToken),
                "iam:ListRoles",
                null).ConfigureAwait(false);
            reporter.Progress(new OperationProgress(ActivityIds.Listing, "Listing IAM roles", "Done", completed: true));

            // Tags and attached policies are not in ListRoles: read them a few roles at a time, emit in order.
            const int Parallel = 4;
            for (var i = 0; i < matches.Count; i += Parallel)
            {
                var batch = matches.Skip(i).Take(Parallel).Select(r => ReadDetailsAsync(r, cancellationToken)).ToList();
                foreach (var task in batch)
                {
                    var role = await task.ConfigureAwait(false);
                    if (role != null)
                    {
                        onRole(role);
                    }
                }
            }
        }

        /// <summary>Names of the roles SSM may assume, from ListRoles alone (no per-role reads): for Tab completion.</summary>
        public async Task<List<string>> ListSsmRoleNamesAsync(CancellationToken cancellationToken)
        {
            var names = new List<string>();
            await IamCall.RunAsync(
                () => iam.ForEachRolePageAsync(null, page => names.AddRange(page.Where(r => TrustPolicy.Analyze(r.AssumeRolePolicyDocument).AllowsSsmAssumeRole).Select(r => r.RoleName)), cancellationToken),
                "iam:ListRoles",
                null).ConfigureAwait(false);
            return names;
        }

        /// <summary>
        /// Removes the role the way IAM requires: out of instance profiles, managed policies detached, inline
        /// policies deleted, then the role. A failure part-way says what was done and how to finish.
        /// </summary>
        public async Task RemoveAsync(string roleName, CancellationToken cancellationToken)
        {
            var done = new List<string>();
            try
            {
                reporter.Verbose($"iam:ListInstanceProfilesForRole '{roleName}'.");
                var profiles = await IamCall.RunAsync(() => iam.ListAllInstanceProfilesForRoleAsync(roleName, cancellationToken), "iam:ListInstanceProfilesForRole", roleName).ConfigureAwait(false);
                foreach (var profile in profiles)
                {
                    reporter.Verbose($"iam:RemoveRoleFromInstanceProfile '{profile.InstanceProfileName}' / '{roleName}'.");
                    await IamCall.RunAsync(() => iam.RemoveRoleFromInstanceProfileAsync(new RemoveRoleFromInstanceProfileRequest { InstanceProfileName = profile.InstanceProfileName, RoleName = roleName }, cancellationToken), "iam:RemoveRoleFromInstanceProfile", roleName).ConfigureAwait(false);
                    done.Add($"removed from instance profile '{profile.InstanceProfileName}'");
                }

                foreach (var policy in await ListAttachedAsync(roleName, cancellationToken).ConfigureAwait(false))
                {
                    reporter.Verbose($"iam:DetachRolePolicy '{policy.PolicyArn}' from '{roleName}'.");
                    await IamCall.RunAsync(() => iam.DetachRolePolicyAsync(new DetachRolePolicyRequest { RoleName = roleName, PolicyArn = policy.PolicyArn }, cancellationToken), "iam:DetachRolePolicy", roleName, policy.PolicyArn).ConfigureAwait(false);
                    done.Add($"detached '{policy.PolicyName}'");
                }

                reporter.Verbose($"iam:ListRolePolicies '{roleName}'.");
                foreach (var inline in await IamCall.RunAsync(() => iam.ListAllRolePolicyNamesAsync(roleName, cancellationToken), "iam:ListRolePolicies", roleName).ConfigureAwait(false))
                {
                    reporter.Verbose($"iam:DeleteRolePolicy '{inline}' of '{roleName}'.");
                    await IamCall.RunAsync(() => iam.DeleteRolePolicyAsync(new DeleteRolePolicyRequest { RoleName = roleName, PolicyName = inline }, cancellationToken), "iam:DeleteRolePolicy", roleName).ConfigureAwait(false);
                    done.Add($"deleted inline policy '{inline}'");
                }

                reporter.Verbose($"iam:DeleteRole '{roleName}'.");
                await EventualConsistency.RetryAsync(
                    () => IamCall.RunAsync(() => iam.DeleteRoleAsync(new DeleteRoleRequest { RoleName = roleName }, cancellationToken), "iam:DeleteRole", roleName),
                    e => e is IamOperationException { ErrorId: "DeleteConflict" },
                    $"Waiting for IAM to release role '{roleName}'",
                    reporter,
                    cancellationToken).ConfigureAwait(false);
                EventualConsistency.NoteRemoved(connection.Key, roleName);
            }
            catch (Exception e) when (done.Count > 0 && e is not SsmHybridRoleException { ErrorId: "RoleNotFound" })
            {
                throw new SsmHybridRoleException(
                    "RoleRemovalIncomplete",
                    FailureKinds.IncompleteBecauseOf(e),
                    Messages.RemoveIncomplete(roleName, done, e.Message),
                    roleName,
                    Messages.RemoveIncompleteAction(roleName),
                    e);
            }
        }

        private async Task<HybridRole?> ReadDetailsAsync(Role listed, CancellationToken cancellationToken)
        {
            try
            {
                return await GetAsync(listed.RoleName, cancellationToken).ConfigureAwait(false);
            }
            catch (SsmHybridRoleException e) when (e.ErrorId == "RoleNotFound")
            {
                // Deleted between ListRoles and GetRole: it is no longer there to report.
                reporter.Verbose($"Role '{listed.RoleName}' disappeared while it was being read; skipped.");
                return null;
            }
        }

        private async Task<List<AttachedPolicy>> ListAttachedAsync(string roleName, CancellationToken cancellationToken)
            => await WaitForNewRole(
                roleName,
                () => IamCall.RunAsync(() => iam.ListAllAttachedRolePoliciesAsync(roleName, cancellationToken), "iam:ListAttachedRolePolicies", roleName),
                cancellationToken).ConfigureAwait(false);

        private async Task AttachOneAsync(string roleName, string policyArn, CancellationToken cancellationToken)
        {
            reporter.Verbose($"iam:AttachRolePolicy '{policyArn}' to role '{roleName}'.");
            await WaitForNewRole(
                roleName,
                () => IamCall.RunAsync(() => iam.AttachRolePolicyAsync(new AttachRolePolicyRequest { RoleName = roleName, PolicyArn = policyArn }, cancellationToken), "iam:AttachRolePolicy", roleName, policyArn),
                cancellationToken).ConfigureAwait(false);
        }

        /// <summary>RoleNotFound for a role this process just created means IAM has not caught up: wait it out.</summary>
        private Task<T> WaitForNewRole<T>(string roleName, Func<Task<T>> operation, CancellationToken cancellationToken)
            => EventualConsistency.RetryAsync(
                operation,
                e => e is SsmHybridRoleException { ErrorId: "RoleNotFound" } && EventualConsistency.IsRecentlyCreated(connection.Key, roleName),
                $"Waiting for IAM to propagate new role '{roleName}'",
                reporter,
                cancellationToken);

        private async Task RollBackCreateAsync(string roleName, IReadOnlyList<AttachedPolicy> attached, Exception cause)
        {
            // Undo even when the caller cancelled: a half-made role is worse than a few more seconds.
            using var undo = new CancellationTokenSource(RollbackTimeout);
            var remaining = new List<string>(attached.Select(p => $"policy '{p.PolicyName}' attached"));
            remaining.Insert(0, $"role '{roleName}'");
            try
            {
                foreach (var policy in attached)
                {
                    reporter.Verbose($"Undo: iam:DetachRolePolicy '{policy.PolicyArn}' from '{roleName}'.");
                    await IamCall.RunAsync(() => iam.DetachRolePolicyAsync(new DetachRolePolicyRequest { RoleName = roleName, PolicyArn = policy.PolicyArn }, undo.Token), "iam:DetachRolePolicy", roleName, policy.PolicyArn).ConfigureAwait(false);
                    remaining.Remove($"policy '{policy.PolicyName}' attached");
                }

                reporter.Verbose($"Undo: iam:DeleteRole '{roleName}'.");
                await EventualConsistency.RetryAsync(
                    () => IamCall.RunAsync(() => iam.DeleteRoleAsync(new DeleteRoleRequest { RoleName = roleName }, undo.Token), "iam:DeleteRole", roleName),
                    e => e is IamOperationException { ErrorId: "DeleteConflict" },
                    $"Waiting for IAM to release role '{roleName}'",
                    reporter,
                    undo.Token).ConfigureAwait(false);
                EventualConsistency.NoteRemoved(connection.Key, roleName);
                reporter.Warning(Messages.RollbackSucceeded(roleName));
            }
            catch (Exception undoFailure) when (undoFailure is not OutOfMemoryException)
            {
                throw new SsmHybridRoleException(
                    "RoleCreationIncomplete",
                    FailureKinds.IncompleteBecauseOf(undoFailure),
                    Messages.RollbackIncomplete(roleName, remaining, cause.Message),
                    roleName,
                    Messages.RollbackIncompleteAction(roleName),
                    new AggregateException(cause, undoFailure));
            }
        }

        private void Step(string roleName, int done, int total, string status)
            => reporter.Progress(new OperationProgress(ActivityIds.RoleSteps, $"Creating hybrid service role '{roleName}'", status, 100 * done / total));

        private void StepsDone(string roleName)
            => reporter.Progress(new OperationProgress(ActivityIds.RoleSteps, $"Creating hybrid service role '{roleName}'", "Done", completed: true));

        private static bool IsInvalidPrincipal(Exception e)
            => e is IamOperationException { ErrorId: "MalformedPolicyDocument" } m && m.Message.IndexOf("Invalid principal", StringComparison.OrdinalIgnoreCase) >= 0;
    }
}
