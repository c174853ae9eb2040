using SsmHybridRole.Engine.Iam.Model;

namespace SsmHybridRole.Engine.Roles
{
    /// <summary>
    /// Desired state for a hybrid service role, as Terraform does it: read the role, plan the differences
    /// (compared by meaning, not text), then apply the approved ones. A missing role is created; two sessions
    /// converging the same role at once both end in the wanted state.
    /// </summary>
    internal sealed class RoleConvergenceService : AwsService
    {
        private readonly HybridRoleService roles;

        public RoleConvergenceService(AwsConnection connection, IOperationReporter reporter)
            : base(connection, reporter)
        {
            roles = new HybridRoleService(connection, Reporter);
        }

        /// <summary>Reads the role and lists what differs from <paramref name="spec"/>. Sends no write request.</summary>
        public async Task<ConvergencePlan> PlanAsync(ValidatedRoleSpec spec, ConvergenceOptions options, CancellationToken cancellationToken)
        {
            if (spec is null || options is null)
            {
                throw new ArgumentNullException(spec is null ? nameof(spec) : nameof(options));
            }

            var s = spec.Spec;
            HybridRole current;
            try
            {
                current = await roles.GetAsync(s.RoleName, cancellationToken).ConfigureAwait(false);
            }
            catch (ServiceCallException e) when (e.ErrorId == ErrorIds.RoleNotFound)
            {
                var trust = await roles.BuildTrustPolicyAsync(spec, cancellationToken).ConfigureAwait(false);
                var policies = string.Join(", ", spec.PolicyArns.Select(Arn.ResourceName));
                var create = new PlannedChange(ChangeKind.CreateRole, s.RoleName, null, TrustDocument.Parse(trust).Describe(), $"Create role '{s.RoleName}' trusted by {TrustPolicy.SsmServicePrincipal} and attach {policies}");
                return new ConvergencePlan(spec, options, Current: null, trust, new[] { create });
            }

            var changes = new List<PlannedChange>();
            var desiredTrust = await DesiredTrustAsync(spec, current, options.ExclusiveTrust, cancellationToken).ConfigureAwait(false);
            if (!PolicyJson.AreEquivalent(current.TrustPolicyDocument, desiredTrust))
            {
                var (from, to) = DescribeTrustChange(current.TrustPolicyDocument, desiredTrust);
                changes.Add(new PlannedChange(ChangeKind.UpdateTrustPolicy, s.RoleName, from, to, $"Update the trust policy: {from} -> {to}"));
            }

            if (s.Description != null && !string.Equals(s.Description, current.Description ?? string.Empty, StringComparison.Ordinal))
            {
                changes.Add(new PlannedChange(ChangeKind.UpdateDescription, s.RoleName, current.Description, s.Description, $"Set the description: '{current.Description}' -> '{s.Description}'"));
            }

            if (s.MaxSessionDuration.HasValue && s.MaxSessionDuration != current.MaxSessionDuration)
            {
                changes.Add(new PlannedChange(ChangeKind.UpdateMaxSessionDuration, s.RoleName, current.MaxSessionDuration?.ToString(System.Globalization.CultureInfo.InvariantCulture), s.MaxSessionDuration.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), $"Set the maximum session duration: {current.MaxSessionDuration} s -> {s.MaxSessionDuration} s"));
            }

            if (s.PermissionsBoundary != null && !string.Equals(s.PermissionsBoundary, current.PermissionsBoundary, StringComparison.Ordinal))
            {
                changes.Add(new PlannedChange(ChangeKind.SetPermissionsBoundary, s.PermissionsBoundary, current.PermissionsBoundary, s.PermissionsBoundary, $"Set the permissions boundary: {current.PermissionsBoundary ?? "none"} -> {s.PermissionsBoundary}"));
            }

            if (s.Path != null && !string.Equals(s.Path, current.Path, StringComparison.Ordinal))
            {
                Reporter.Warning($"Role '{s.RoleName}' is on path '{current.Path}', not '{s.Path}'. IAM cannot move a role; remove it and create it again to change its path.");
            }

            foreach (var tag in s.Tags)
            {
                if (!current.Tags.TryGetValue(tag.Key, out var value) || !string.Equals(value, tag.Value, StringComparison.Ordinal))
                {
                    changes.Add(new PlannedChange(ChangeKind.SetTag, tag.Key, value, tag.Value, $"Set tag {tag.Key}: '{value}' -> '{tag.Value}'"));
                }
            }

            var attached = current.AttachedPolicies.Select(p => p.PolicyArn).ToList();
            foreach (var arn in spec.PolicyArns.Where(a => !attached.Contains(a)))
            {
                changes.Add(new PlannedChange(ChangeKind.AttachPolicy, arn, null, arn, $"Attach {Arn.ResourceName(arn)}"));
            }

            if (options.ExclusivePolicy)
            {
                foreach (var arn in attached.Where(a => !spec.PolicyArns.Contains(a)))
                {
                    changes.Add(new PlannedChange(ChangeKind.DetachPolicy, arn, arn, null, $"Detach {Arn.ResourceName(arn)} (not asked for, {{ExclusivePolicy}})"));
                }
            }

            return new ConvergencePlan(spec, options, current, desiredTrust, changes);
        }

        /// <summary>
        /// The trust policy to converge to. Set- owns only its own statement: the built statement replaces the
        /// module's, and every other statement (another principal, a Sid of the user's) stays as it is, unless
        /// <paramref name="exclusiveTrust"/> asks for the whole document. Without Regions asked for, the Regions the
        /// role's conditions cover now are kept, rather than shrunk to the session's.
        /// </summary>
        private async Task<string> DesiredTrustAsync(ValidatedRoleSpec spec, HybridRole current, bool exclusiveTrust, CancellationToken cancellationToken)
        {
            if (spec.Spec.AssumeRolePolicyDocument != null)
            {
                return spec.Spec.AssumeRolePolicyDocument;
            }

            if (spec.Spec.ActivationRegions.Count == 0 && !spec.Spec.NoSourceCondition && current.Trust.SourceRegions.Count > 0)
            {
                spec = spec with { ActivationRegions = current.Trust.SourceRegions };
            }

            var built = await roles.BuildTrustPolicyAsync(spec, cancellationToken).ConfigureAwait(false);
            if (exclusiveTrust || current.TrustPolicyDocument is null || !current.Trust.IsReadable)
            {
                return built;
            }

            return TrustDocument.Parse(current.TrustPolicyDocument).MergeManaged(TrustDocument.Parse(built));
        }

        /// <summary>A statement-level description of a trust change; never two identical texts for different documents.</summary>
        private static (string From, string To) DescribeTrustChange(string? current, string desired)
        {
            string Describe(string? document)
            {
                try
                {
                    return document is null ? "no trust policy" : TrustDocument.Parse(document).Describe();
                }
                catch (System.Text.Json.JsonException)
                {
                    return "an unreadable trust policy";
                }
            }

            var from = Describe(current);
            var to = Describe(desired);
            return from == to && current != null ? (PolicyJson.Canonical(current), PolicyJson.Canonical(desired)) : (from, to);
        }

        /// <summary>
        /// Applies the changes <paramref name="approved"/> lets through, in plan order, and reads the role back
        /// (only reads it, when it was in the wanted state already).
        /// A failure part-way raises <see cref="ConvergenceIncompleteException"/> with what was and was not applied.
        /// </summary>
        public async Task<ConvergenceResult> ApplyAsync(ConvergencePlan plan, Func<PlannedChange, bool> approved, CancellationToken cancellationToken)
        {
            if (plan is null || approved is null)
            {
                throw new ArgumentNullException(plan is null ? nameof(plan) : nameof(approved));
            }

            var roleName = plan.RoleName;
            if (plan.InDesiredState)
            {
                return new ConvergenceResult(roles.WarnOfForeignTrust(await roles.GetAsync(roleName, cancellationToken).ConfigureAwait(false)), plan.Changes);
            }

            if (!plan.RoleExists)
            {
                var create = plan.Changes[0];
                if (!approved(create))
                {
                    throw new InvalidOperationException("There is no role to converge unless its creation is approved.");
                }

                try
                {
                    var created = await roles.CreateAsync(plan.Spec, cancellationToken).ConfigureAwait(false);
                    create.Applied = true;
                    return new ConvergenceResult(created, plan.Changes, cancel => roles.UndoCreationAsync(created.RoleName, cancel));
                }
                catch (ServiceCallException e) when (e.ErrorId == ErrorIds.RoleAlreadyExists)
                {
                    // Another session created it between our read and our create: plan again against what it made,
                    // and let the caller approve those changes, as it approved the creation.
                    Reporter.Verbose($"Role '{roleName}' was created meanwhile by someone else; planning again against the existing role.");
                    var replanned = await PlanAsync(plan.Spec, plan.Options, cancellationToken).ConfigureAwait(false);
                    return new ConvergenceResult(null, plan.Changes) { Replanned = replanned };
                }
            }

            var toApply = plan.Changes.Where(approved).ToList();
            try
            {
                foreach (var change in toApply.Where(c => c.Kind != ChangeKind.SetTag && !c.Applied))
                {
                    await ApplyOneAsync(roleName, change, plan, toApply, cancellationToken).ConfigureAwait(false);
                    change.Applied = true;
                }

                var tags = toApply.Where(c => c.Kind == ChangeKind.SetTag).ToList();
                if (tags.Count > 0)
                {
                    var request = new TagRoleRequest { RoleName = roleName, Tags = tags.Select(t => new Tag { Key = t.Target, Value = t.To ?? string.Empty }).ToList() };
                    await Iam.TagRoleAsync(request, cancellationToken).ConfigureAwait(false);
                    tags.ForEach(t => t.Applied = true);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                throw new ConvergenceIncompleteException(roleName, plan.Changes, e);
            }
            catch (OperationCanceledException e) when (plan.Changes.Any(c => c.Applied))
            {
                // Stopped part-way: no error reaches the user after Ctrl+C, so say what was and was not applied.
                Reporter.Unfinished(new ConvergenceIncompleteException(roleName, plan.Changes, e).Message, ErrorIds.ConvergenceIncomplete, roleName);
                throw;
            }

            var role = roles.WarnOfForeignTrust(await roles.GetAsync(roleName, cancellationToken).ConfigureAwait(false));
            return new ConvergenceResult(role, plan.Changes);
        }

        private Task ApplyOneAsync(string roleName, PlannedChange change, ConvergencePlan plan, IReadOnlyList<PlannedChange> approved, CancellationToken cancellationToken)
        {
            switch (change.Kind)
            {
                case ChangeKind.UpdateDescription:
                case ChangeKind.UpdateMaxSessionDuration:
                    return UpdateRoleAsync(roleName, plan, approved, cancellationToken);
                case ChangeKind.UpdateTrustPolicy:
                    return Iam.UpdateAssumeRolePolicyAsync(new UpdateAssumeRolePolicyRequest { RoleName = roleName, PolicyDocument = plan.DesiredTrust }, cancellationToken);
                case ChangeKind.SetPermissionsBoundary:
                    return Iam.PutRolePermissionsBoundaryAsync(new PutRolePermissionsBoundaryRequest { RoleName = roleName, PermissionsBoundary = change.Target }, cancellationToken);
                case ChangeKind.AttachPolicy:
                    return roles.AttachAsync(roleName, new[] { change.Target }, readBack: false, cancellationToken);
                case ChangeKind.DetachPolicy:
                    return roles.DetachAsync(roleName, new[] { change.Target }, readBack: false, cancellationToken);
                default:
                    throw new InvalidOperationException("Unexpected change " + change.Kind);
            }
        }

        /// <summary>
        /// One UpdateRole for the description and the session duration together, each the wanted value when
        /// its change is approved and the current one otherwise: an UpdateRole without Description clears it on
        /// some endpoints, so both are always sent.
        /// </summary>
        private async Task UpdateRoleAsync(string roleName, ConvergencePlan plan, IReadOnlyList<PlannedChange> approved, CancellationToken cancellationToken)
        {
            var description = approved.FirstOrDefault(c => c.Kind == ChangeKind.UpdateDescription);
            var duration = approved.FirstOrDefault(c => c.Kind == ChangeKind.UpdateMaxSessionDuration);
            var request = new UpdateRoleRequest
            {
                RoleName = roleName,
                Description = description != null ? description.To ?? string.Empty : plan.Current?.Description ?? string.Empty,
                MaxSessionDuration = duration != null ? plan.Spec.Spec.MaxSessionDuration : plan.Current?.MaxSessionDuration,
            };
            await Iam.UpdateRoleAsync(request, cancellationToken).ConfigureAwait(false);
            foreach (var change in new[] { description, duration })
            {
                if (change != null)
                {
                    change.Applied = true;
                }
            }
        }
    }
}
