using SsmHybridRole.Engine.Iam.Model;

namespace SsmHybridRole.Engine.Iam
{
    /// <summary>
    /// Follows Marker / IsTruncated through every page of IAM's list operations. A marker seen before (an endpoint
    /// that hands back the same page for ever) stops the listing with an error instead of a loop.
    /// </summary>
    public static class IdentityManagementServicePaginators
    {
        /// <summary>Calls <paramref name="onPage"/> with each page's items as the page arrives.</summary>
        public static async Task ForEachPageAsync<TRequest, TResponse, TItem>(
            TRequest request,
            Func<TRequest, CancellationToken, Task<TResponse>> list,
            Action<IEnumerable<TItem>> onPage,
            CancellationToken cancellationToken)
            where TRequest : IPaginatedRequest
            where TResponse : IPaginatedResponse<TItem>
        {
            if (request is null || list is null || onPage is null)
            {
                throw new ArgumentNullException(request is null ? nameof(request) : list is null ? nameof(list) : nameof(onPage));
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            while (true)
            {
                var page = await list(request, cancellationToken).ConfigureAwait(false);
                onPage(page.Items);
                if (!page.IsTruncated || string.IsNullOrEmpty(page.Marker))
                {
                    return;
                }

                if (!seen.Add(page.Marker!))
                {
                    throw new SsmHybridRoleException(ErrorIds.PaginationLoop, FailureKind.ServiceFailure, ConnectionMessages.PaginationLoop(typeof(TRequest).Name.Replace("Request", string.Empty), page.Marker!), page.Marker);
                }

                request.Marker = page.Marker;
            }
        }

        public static async Task<List<TItem>> ListAllAsync<TRequest, TResponse, TItem>(
            TRequest request,
            Func<TRequest, CancellationToken, Task<TResponse>> list,
            CancellationToken cancellationToken)
            where TRequest : IPaginatedRequest
            where TResponse : IPaginatedResponse<TItem>
        {
            var all = new List<TItem>();
            await ForEachPageAsync<TRequest, TResponse, TItem>(request, list, all.AddRange, cancellationToken).ConfigureAwait(false);
            return all;
        }

        public static Task<List<AttachedPolicy>> ListAllAttachedRolePoliciesAsync(this IIdentityManagementService iam, string roleName, CancellationToken cancellationToken)
            => ListAllAsync<ListAttachedRolePoliciesRequest, ListAttachedRolePoliciesResponse, AttachedPolicy>(
                new ListAttachedRolePoliciesRequest { RoleName = roleName }, iam.ListAttachedRolePoliciesAsync, cancellationToken);

        public static Task<List<string>> ListAllRolePolicyNamesAsync(this IIdentityManagementService iam, string roleName, CancellationToken cancellationToken)
            => ListAllAsync<ListRolePoliciesRequest, ListRolePoliciesResponse, string>(
                new ListRolePoliciesRequest { RoleName = roleName }, iam.ListRolePoliciesAsync, cancellationToken);

        public static Task<List<InstanceProfile>> ListAllInstanceProfilesForRoleAsync(this IIdentityManagementService iam, string roleName, CancellationToken cancellationToken)
            => ListAllAsync<ListInstanceProfilesForRoleRequest, ListInstanceProfilesForRoleResponse, InstanceProfile>(
                new ListInstanceProfilesForRoleRequest { RoleName = roleName }, iam.ListInstanceProfilesForRoleAsync, cancellationToken);

        public static Task ForEachRolePageAsync(this IIdentityManagementService iam, string? pathPrefix, Action<IEnumerable<Role>> onPage, CancellationToken cancellationToken)
            => ForEachPageAsync<ListRolesRequest, ListRolesResponse, Role>(
                new ListRolesRequest { PathPrefix = pathPrefix }, iam.ListRolesAsync, onPage, cancellationToken);
    }
}
