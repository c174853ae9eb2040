using SsmHybridRole.Engine.Activations;
using SsmHybridRole.Engine.ManagedNodes;

namespace SsmHybridRole.Engine.Roles
{
    /// <summary>
    /// What a role's removal must not reach without the caller insisting: a role that is
    /// not a hybrid service role (an Automation or Maintenance Window role that trusts SSM too), and a role that
    /// activations or registered managed nodes still use. Reads only; a refusal comes before any write.
    /// </summary>
    internal sealed class RoleRemovalGuard : AwsService
    {
        public RoleRemovalGuard(AwsConnection connection, IOperationReporter reporter)
            : base(connection, reporter)
        {
        }

        /// <summary>Refuses the removal with its own error, or returns the role it read.</summary>
        public async Task<HybridRole> CheckAsync(string roleName, IReadOnlyList<string> regions, CancellationToken cancellationToken)
        {
            var role = await new RoleReader(Aws).GetAsync(roleName, cancellationToken).ConfigureAwait(false);
            if (!role.IsHybridServiceRole)
            {
                throw new SsmHybridRoleException(ErrorIds.NotAHybridServiceRole, FailureKind.Refused, Messages.NotAHybridServiceRole(roleName), roleName);
            }

            var activations = new List<string>();
            var nodes = new List<string>();
            var inRegions = regions.Count > 0 ? regions : new[] { Connection.Region ?? throw new SsmHybridRoleException(ErrorIds.RegionRequired, FailureKind.Configuration, Messages.NoRegion) };
            await new ActivationService(Connection, Reporter).ListAsync(inRegions, new ActivationFilter(role.SsmName, Array.Empty<string>()), a =>
            {
                if (!a.Expired)
                {
                    activations.Add(a.Region);
                }
            }, cancellationToken).ConfigureAwait(false);
            await new ManagedNodeService(Connection, Reporter).ListAsync(inRegions, new ManagedNodeFilter(role.SsmName, Array.Empty<string>(), Array.Empty<string>(), Array.Empty<string>()), n => nodes.Add(n.Region), cancellationToken).ConfigureAwait(false);
            if (activations.Count + nodes.Count > 0)
            {
                throw new SsmHybridRoleException(ErrorIds.RoleInUse, FailureKind.Conflict, Messages.RoleInUse(roleName, activations, nodes), roleName);
            }

            return role;
        }
    }
}
