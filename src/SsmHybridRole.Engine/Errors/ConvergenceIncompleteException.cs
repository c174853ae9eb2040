using SsmHybridRole.Engine.Roles;

namespace SsmHybridRole.Engine.Errors
{
    /// <summary>Convergence stopped part-way: which changes were applied and which were not, and how to finish.</summary>
    public sealed class ConvergenceIncompleteException : SsmHybridRoleException
    {
        internal ConvergenceIncompleteException(string roleName, IReadOnlyList<PlannedChange> changes, Exception cause)
            : base(
                ErrorIds.ConvergenceIncomplete,
                IncompleteBecauseOf(cause),
                $"Bringing role '{roleName}' to the wanted state stopped part-way ({cause.Message}). Applied: {List(changes, true)}. Not applied: {List(changes, false)}.",
                roleName,
                null,
                cause)
        {
            Changes = changes;
        }

        /// <summary>Every planned change, with Applied on each.</summary>
        internal IReadOnlyList<PlannedChange> Changes { get; }

        private static string List(IEnumerable<PlannedChange> changes, bool applied)
        {
            var selected = changes.Where(c => c.Applied == applied).Select(c => c.Description).ToList();
            return selected.Count == 0 ? "none" : string.Join("; ", selected);
        }
    }
}
