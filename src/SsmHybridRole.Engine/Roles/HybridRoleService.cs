using System.Runtime.ExceptionServices;
using SsmHybridRole.Engine.Iam.Model;

namespace SsmHybridRole.Engine.Roles
{
    /// <summary>
    /// Creates, changes and removes hybrid service roles: the procedure's steps in order, and how a failure
    /// part-way is undone. Reading roles is <see cref="RoleReader"/>'s.
    /// </summary>
    internal sealed class HybridRoleService : AwsService
    {
        private static readonly TimeSpan RollbackTimeout = TimeSpan.FromSeconds(60);

        private readonly RoleReader reader;

        public HybridRoleService(AwsConnection connection, IOperationReporter reporter)
            : base(connection, reporter)
        {
            reader = new RoleReader(Aws);
        }

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

            var accountId = spec.NeedsAccountLookup ? await Aws.GetAccountIdAsync(cancellationToken).ConfigureAwait(false) : spec.Spec.AccountId;
            return TrustPolicy.Build(spec.Partition, accountId, spec.ActivationRegions, spec.Spec.NoSourceCondition);
        }

        /// <summary>
        /// Creates the role and attaches its policies. If any step after CreateRole fails (or is cancelled),
        /// what was made is removed again and the original failure is thrown; if that undoing fails too, the
        /// exception says what remains.
        /// </summary>
        public async Task<HybridRole> CreateAsync(ValidatedRoleSpec spec, CancellationToken cancellationToken)
        {
            if (spec is null)
            {
                throw new ArgumentNullException(nameof(spec));
            }

            var s = spec.Spec;
            var request = new CreateRoleRequest
            {
                RoleName = s.RoleName,
                AssumeRolePolicyDocument = await BuildTrustPolicyAsync(spec, cancellationToken).ConfigureAwait(false),
                Path = s.Path,
                Description = s.Description,
                MaxSessionDuration = s.MaxSessionDuration,
                PermissionsBoundary = s.PermissionsBoundary,
                Tags = s.Tags.Select(t => new Tag { Key = t.Key, Value = t.Value }).ToList(),
            };

            var steps = new RoleSteps(Reporter, s.RoleName, 1 + spec.PolicyArns.Count);
            steps.Next("iam:CreateRole");
            var created = await Iam.CreateRoleAsync(request, cancellationToken).ConfigureAwait(false);

            steps.Next($"iam:AttachRolePolicy x{spec.PolicyArns.Count}");
            var (attached, failure) = await AttachAllAsync(s.RoleName, spec.PolicyArns, cancellationToken).ConfigureAwait(false);
            steps.Done();
            if (failure != null)
            {
                await RollBackCreateAsync(s.RoleName, attached, failure.SourceException).ConfigureAwait(false);
                failure.Throw();
            }

            return HybridRole.From(created.Role, attached, request.Tags);
        }

        /// <summary>Attaches managed policies that are not attached yet; attached ones are reported and skipped.</summary>
        public async Task<HybridRole?> AttachAsync(string roleName, IReadOnlyList<string> policyArns, bool readBack, CancellationToken cancellationToken)
        {
            var attached = await reader.ListAttachedAsync(roleName, cancellationToken).ConfigureAwait(false);
            var missing = new List<string>();
            foreach (var policyArn in policyArns)
            {
                if (attached.Any(p => string.Equals(p.PolicyArn, policyArn, StringComparison.Ordinal)))
                {
                    Reporter.Verbose($"'{Arn.ResourceName(policyArn)}' is already attached to role '{roleName}'; nothing to do.");
                }
                else
                {
                    missing.Add(policyArn);
                }
            }

            var (_, failure) = await AttachAllAsync(roleName, missing, cancellationToken).ConfigureAwait(false);
            failure?.Throw();
            return readBack ? await reader.GetAsync(roleName, cancellationToken).ConfigureAwait(false) : null;
        }

        /// <summary>Detaches managed policies; one that is not attached is reported and skipped.</summary>
        public async Task<HybridRole?> DetachAsync(string roleName, IReadOnlyList<string> policyArns, bool readBack, CancellationToken cancellationToken)
        {
            var attached = await reader.ListAttachedAsync(roleName, cancellationToken).ConfigureAwait(false);
            foreach (var policyArn in policyArns)
            {
                if (!attached.Any(p => string.Equals(p.PolicyArn, policyArn, StringComparison.Ordinal)))
                {
                    Reporter.Verbose($"'{Arn.ResourceName(policyArn)}' is not attached to role '{roleName}'; nothing to do.");
                    continue;
                }

                await Iam.DetachRolePolicyAsync(new DetachRolePolicyRequest { RoleName = roleName, PolicyArn = policyArn }, cancellationToken).ConfigureAwait(false);
            }

            return readBack ? await reader.GetAsync(roleName, cancellationToken).ConfigureAwait(false) : null;
        }

        /// <summary>One role with its attached policies and tags.</summary>
        public Task<HybridRole> GetAsync(string roleName, CancellationToken cancellationToken) => reader.GetAsync(roleName, cancellationToken);

        /// <summary>
        /// Removes the role the way IAM requires: out of instance profiles, managed policies detached, inline
        /// policies deleted, then the role. A failure part-way says what was done.
        /// </summary>
        public async Task RemoveAsync(string roleName, CancellationToken cancellationToken)
        {
            var done = new List<string>();
            try
            {
                foreach (var profile in await Iam.ListAllInstanceProfilesForRoleAsync(roleName, cancellationToken).ConfigureAwait(false))
                {
                    await Iam.RemoveRoleFromInstanceProfileAsync(new RemoveRoleFromInstanceProfileRequest { InstanceProfileName = profile.InstanceProfileName, RoleName = roleName }, cancellationToken).ConfigureAwait(false);
                    done.Add($"removed from instance profile '{profile.InstanceProfileName}'");
                }

                foreach (var policy in await reader.ListAttachedAsync(roleName, cancellationToken).ConfigureAwait(false))
                {
                    await Iam.DetachRolePolicyAsync(new DetachRolePolicyRequest { RoleName = roleName, PolicyArn = policy.PolicyArn }, cancellationToken).ConfigureAwait(false);
                    done.Add($"detached '{policy.PolicyName}'");
                }

                foreach (var inline in await Iam.ListAllRolePolicyNamesAsync(roleName, cancellationToken).ConfigureAwait(false))
                {
                    await Iam.DeleteRolePolicyAsync(new DeleteRolePolicyRequest { RoleName = roleName, PolicyName = inline }, cancellationToken).ConfigureAwait(false);
                    done.Add($"deleted inline policy '{inline}'");
                }

                await Iam.DeleteRoleAsync(new DeleteRoleRequest { RoleName = roleName }, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (done.Count > 0 && e is not SsmHybridRoleException { ErrorId: ErrorIds.RoleNotFound })
            {
                throw new SsmHybridRoleException(ErrorIds.RoleRemovalIncomplete, SsmHybridRoleException.IncompleteBecauseOf(e), Messages.RemoveIncomplete(roleName, done, e.Message), roleName, null, e);
            }
        }

        /// <summary>
        /// Attaches the policies side by side (they are independent, and a role has at most ten), keeping
        /// their order in the result. Every attempt finishes before this returns, so the caller knows exactly
        /// what is attached; the first failure, in policy order, is returned to be thrown.
        /// </summary>
        private async Task<(List<AttachedPolicy> Attached, ExceptionDispatchInfo? Failure)> AttachAllAsync(string roleName, IReadOnlyList<string> policyArns, CancellationToken cancellationToken)
        {
            var outcomes = await Task.WhenAll(policyArns.Select(async policyArn =>
            {
                try
                {
                    await Iam.AttachRolePolicyAsync(new AttachRolePolicyRequest { RoleName = roleName, PolicyArn = policyArn }, cancellationToken).ConfigureAwait(false);
                    return (policyArn, (Exception?)null);
                }
                catch (Exception e)
                {
                    return (policyArn, e);
                }
            })).ConfigureAwait(false);
            var attached = outcomes.Where(o => o.Item2 is null).Select(o => new AttachedPolicy { PolicyArn = o.policyArn, PolicyName = Arn.ResourceName(o.policyArn) }).ToList();
            var failure = outcomes.Select(o => o.Item2).FirstOrDefault(e => e != null);
            return (attached, failure is null ? null : ExceptionDispatchInfo.Capture(failure));
        }

        private async Task RollBackCreateAsync(string roleName, IReadOnlyList<AttachedPolicy> attached, Exception cause)
        {
            // Undo even when the caller cancelled: a half-made role is worse than a few more seconds.
            using var undo = new CancellationTokenSource(RollbackTimeout);
            var remaining = new List<string>(attached.Select(p => $"policy '{p.PolicyName}' attached"));
            remaining.Insert(0, $"role '{roleName}'");
            Reporter.Verbose($"Undoing the creation of role '{roleName}'.");
            try
            {
                foreach (var policy in attached)
                {
                    await Iam.DetachRolePolicyAsync(new DetachRolePolicyRequest { RoleName = roleName, PolicyArn = policy.PolicyArn }, undo.Token).ConfigureAwait(false);
                    remaining.Remove($"policy '{policy.PolicyName}' attached");
                }

                await Iam.DeleteRoleAsync(new DeleteRoleRequest { RoleName = roleName }, undo.Token).ConfigureAwait(false);
                Reporter.Warning(Messages.RollbackSucceeded(roleName));
            }
            catch (Exception undoFailure) when (undoFailure is not OutOfMemoryException)
            {
                throw new SsmHybridRoleException(
                    ErrorIds.RoleCreationIncomplete,
                    SsmHybridRoleException.IncompleteBecauseOf(undoFailure),
                    Messages.RollbackIncomplete(roleName, remaining, cause.Message),
                    roleName,
                    null,
                    new AggregateException(cause, undoFailure));
            }
        }

        /// <summary>The steps of one role's creation, as progress.</summary>
        private sealed class RoleSteps
        {
            private readonly IOperationReporter reporter;
            private readonly string activity;
            private readonly int total;
            private int done = -1;

            public RoleSteps(IOperationReporter reporter, string roleName, int total)
            {
                this.reporter = reporter;
                activity = $"Creating hybrid service role '{roleName}'";
                this.total = total;
            }

            public void Next(string status) => reporter.Progress(new OperationProgress(ActivityIds.RoleSteps, activity, status, 100 * ++done / total));

            public void Done() => reporter.Progress(new OperationProgress(ActivityIds.RoleSteps, activity, "Done", Completed: true));
        }
    }
}
