namespace SsmHybridRole.Engine.Gateway
{
    /// <summary>
    /// Reads every page of an SSM listing (NextToken). A service that hands back a token it already gave is
    /// stopped with an error instead of being asked forever.
    /// </summary>
    internal static class SsmPages
    {
        public static async Task ForEachAsync<T>(string action, Func<string?, Task<(IEnumerable<T> Items, string? NextToken)>> page, Action<T> onEach, CancellationToken cancellationToken)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            string? token = null;
            do
            {
                cancellationToken.ThrowIfCancellationRequested();
                var (items, next) = await page(token).ConfigureAwait(false);
                foreach (var item in items)
                {
                    onEach(item);
                }

                token = string.IsNullOrEmpty(next) ? null : next;
                if (token != null && !seen.Add(token))
                {
                    throw new SsmHybridRoleException(ErrorIds.SsmRequestFailed, FailureKind.ServiceFailure, $"{action} returned a NextToken it had already returned; the listing was stopped instead of repeating forever.");
                }
            }
            while (token != null);
        }
    }
}
