using SsmHybridRole.Engine.Consistency;
using SsmHybridRole.Engine.Iam.Model;

namespace SsmHybridRole.Engine.Roles
{
    /// <summary>
    /// Takes a role apart the way IAM requires (out of its instance profiles, managed policies detached,
    /// inline policies deleted, then the role), trusting what IAM reads back rather than a list of its own:
    /// an attach whose answer was lost, or that landed late, is found and detached too. DeleteConflict starts
    /// a new round (read, detach, delete) until IAM lets go, for at most the propagation timeout. A step
    /// retried after a lost answer that finds its thing already gone counts as done.
    /// </summary>
    internal sealed class RoleTeardown : AwsService
    {
        private readonly string roleName;
        private readonly List<string> done = new List<string>();
        private readonly List<string> attached = new List<string>();
        private bool roleGone;

        public RoleTeardown(AwsGateway aws, string roleName)
            : base(aws)
        {
            this.roleName = roleName;
        }

        /// <summary>What has been done so far, in words.</summary>
        public IReadOnlyList<string> Done => done;

        /// <summary>What is still in the account, as far as the last read showed.</summary>
        public IReadOnlyList<string> Remaining
            => roleGone ? Array.Empty<string>() : new[] { $"role '{roleName}'" }.Concat(attached.Select(a => $"policy '{Arn.ResourceName(a)}' attached")).ToList();

        /// <summary>
        /// Removes the role. <paramref name="managedPoliciesOnly"/>: the role is one this process just made, which
        /// has nothing but managed policies (and reading the rest would need permissions a creation does not).
        /// <paramref name="mustExist"/>: a role missing at the first read is RoleNotFound, not done.
        /// </summary>
        public Task RunAsync(bool managedPoliciesOnly, bool mustExist, CancellationToken cancellationToken)
            => EventualConsistency.RetryAsync(
                async () =>
                {
                    try
                    {
                        await RoundAsync(managedPoliciesOnly, cancellationToken).ConfigureAwait(false);
                    }
                    catch (ServiceCallException e) when (e.ErrorId == ErrorIds.RoleNotFound && (!mustExist || done.Count > 0))
                    {
                        // Gone already: deleted by an attempt whose answer was lost, or by someone else.
                    }

                    roleGone = true;
                    return true;
                },
                new[] { TransientFailure.DeleteConflict(roleName) },
                Reporter,
                cancellationToken);

        private async Task RoundAsync(bool managedPoliciesOnly, CancellationToken cancellationToken)
        {
            if (!managedPoliciesOnly)
            {
                foreach (var profile in await Iam.ListAllInstanceProfilesForRoleAsync(roleName, cancellationToken).ConfigureAwait(false))
                {
                    await GoneIsDone(Iam.RemoveRoleFromInstanceProfileAsync(new RemoveRoleFromInstanceProfileRequest { InstanceProfileName = profile.InstanceProfileName, RoleName = roleName }, cancellationToken)).ConfigureAwait(false);
                    done.Add($"removed from instance profile '{profile.InstanceProfileName}'");
                }
            }

            attached.Clear();
            attached.AddRange((await Iam.ListAllAttachedRolePoliciesAsync(roleName, cancellationToken).ConfigureAwait(false)).Select(p => p.PolicyArn));
            foreach (var policyArn in attached.ToList())
            {
                await GoneIsDone(Iam.DetachRolePolicyAsync(new DetachRolePolicyRequest { RoleName = roleName, PolicyArn = policyArn }, cancellationToken)).ConfigureAwait(false);
                attached.Remove(policyArn);
                done.Add($"detached '{Arn.ResourceName(policyArn)}'");
            }

            if (!managedPoliciesOnly)
            {
                foreach (var inline in await Iam.ListAllRolePolicyNamesAsync(roleName, cancellationToken).ConfigureAwait(false))
                {
                    await GoneIsDone(Iam.DeleteRolePolicyAsync(new DeleteRolePolicyRequest { RoleName = roleName, PolicyName = inline }, cancellationToken)).ConfigureAwait(false);
                    done.Add($"deleted inline policy '{inline}'");
                }
            }

            await Iam.DeleteRoleAsync(new DeleteRoleRequest { RoleName = roleName }, cancellationToken).ConfigureAwait(false);
            done.Add($"deleted role '{roleName}'");
        }

        /// <summary>A step whose thing is not there any more (a retry after a lost answer, or a race) has done its job.</summary>
        private static async Task GoneIsDone(Task step)
        {
            try
            {
                await step.ConfigureAwait(false);
            }
            catch (ServiceCallException e) when (e.Kind == FailureKind.NotFound)
            {
            }
        }
    }
}
