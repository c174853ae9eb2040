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

            var role = await new RoleCreation(Aws).RunAsync(request, spec.PolicyArns, cancellationToken).ConfigureAwait(false);
            Connection.LearnAccountFrom(role.Arn);
            return WarnOfForeignTrust(role);
        }

        /// <summary>
        /// Says so when a role's trust names another account than the role's own (asked for explicitly, or in a trust
        /// policy of the caller's): SSM then acts only on that account's behalf, so no activation in the role's own
        /// account can use it.
        /// </summary>
        public HybridRole WarnOfForeignTrust(HybridRole role)
        {
            var own = Arn.Parse(role?.Arn ?? string.Empty)?.Account;
            var others = own is null ? Array.Empty<string>() : role!.Trust.AccountsOtherThan(own);
            if (others.Count > 0)
            {
                Reporter.Warning(Messages.TrustForOtherAccount(role!.RoleName, own!, others));
            }

            return role!;
        }

        /// <summary>Removes a role this process made moments ago whose creation could not be reported: it must not stay.</summary>
        public Task UndoCreationAsync(string roleName, CancellationToken cancellationToken)
            => new RoleCreation(Aws).UndoAsync(roleName, new OperationCanceledException(Messages.StoppedBeforeReported(roleName)), cancellationToken);

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

            var (_, failure) = await new RolePolicies(Aws).AttachAllAsync(roleName, missing, cancellationToken).ConfigureAwait(false);
            failure?.Throw();
            return readBack ? await reader.GetAsync(roleName, cancellationToken).ConfigureAwait(false) : null;
        }

        /// <summary>
        /// Detaches managed policies. One that is not attached (often a typo in a name or an ARN) is a warning naming
        /// the role, the policy and what is attached, not a silent success: the state asked for holds, so a script
        /// run again does not fail, but the user hears that nothing was detached for it.
        /// </summary>
        public async Task<HybridRole?> DetachAsync(string roleName, IReadOnlyList<string> policyArns, bool readBack, CancellationToken cancellationToken)
        {
            var attached = await reader.ListAttachedAsync(roleName, cancellationToken).ConfigureAwait(false);
            foreach (var policyArn in policyArns)
            {
                if (!attached.Any(p => string.Equals(p.PolicyArn, policyArn, StringComparison.Ordinal)))
                {
                    Reporter.Warning(Messages.NotAttached(roleName, policyArn, attached.Select(p => p.PolicyArn)));
                    continue;
                }

                try
                {
                    await Iam.DetachRolePolicyAsync(new DetachRolePolicyRequest { RoleName = roleName, PolicyArn = policyArn }, cancellationToken).ConfigureAwait(false);
                }
                catch (ServiceCallException e) when (e.Kind == FailureKind.NotFound)
                {
                    // Detached already: the SDK's retry after a lost answer, or another session.
                }
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
            var teardown = new RoleTeardown(Aws, roleName);
            try
            {
                await teardown.RunAsync(managedPoliciesOnly: false, mustExist: true, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (teardown.Done.Count > 0)
            {
                var message = Messages.RemoveIncomplete(roleName, teardown.Done, teardown.Remaining, Messages.Cause(e));
                if (e is OperationCanceledException || cancellationToken.IsCancellationRequested)
                {
                    // Told as a warning when the command was stopped: after Ctrl+C no error reaches the user, and a
                    // role without its policies must not go unmentioned.
                    Reporter.Unfinished(message, ErrorIds.RoleRemovalIncomplete, roleName);
                }

                throw new SsmHybridRoleException(ErrorIds.RoleRemovalIncomplete, SsmHybridRoleException.IncompleteBecauseOf(e), message, roleName, null, e);
            }
        }
    }
}
