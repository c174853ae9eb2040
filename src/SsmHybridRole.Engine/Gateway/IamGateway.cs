using SsmHybridRole.Engine.Consistency;
using SsmHybridRole.Engine.Iam.Model;

namespace SsmHybridRole.Engine.Gateway
{
    /// <summary>
    /// IAM behind the gateway: the same interface as the client, so a service calls
    /// <c>iam.AttachRolePolicyAsync(...)</c> and gets the verbose line, the waits and the typed errors for free.
    /// Each operation names its target and the transient failures worth waiting out.
    /// </summary>
    internal sealed class IamGateway : IIdentityManagementService
    {
        private readonly AwsGateway gateway;
        private readonly IIdentityManagementService iam;

        public IamGateway(AwsGateway gateway, IIdentityManagementService iam)
        {
            this.gateway = gateway;
            this.iam = iam;
        }

        private string ConnectionKey => gateway.Connection.Key;

        public async Task<CreateRoleResponse> CreateRoleAsync(CreateRoleRequest request, CancellationToken cancellationToken = default)
        {
            var created = await Call("CreateRole", CallTarget.Role(request.RoleName), () => iam.CreateRoleAsync(request, CancellationToken.None), cancellationToken, TransientFailure.InvalidPrincipal).ConfigureAwait(false);
            EventualConsistency.NoteCreated(ConnectionKey, request.RoleName);
            return created;
        }

        public Task<GetRoleResponse> GetRoleAsync(GetRoleRequest request, CancellationToken cancellationToken = default)
            => Call("GetRole", CallTarget.Role(request.RoleName), () => iam.GetRoleAsync(request, CancellationToken.None), cancellationToken, NewRole(request.RoleName));

        public Task<ListRolesResponse> ListRolesAsync(ListRolesRequest request, CancellationToken cancellationToken = default)
            => Call("ListRoles", CallTarget.Named(request.Marker is null ? null : "next page"), () => iam.ListRolesAsync(request, CancellationToken.None), cancellationToken);

        public async Task<DeleteRoleResponse> DeleteRoleAsync(DeleteRoleRequest request, CancellationToken cancellationToken = default)
        {
            // No wait for DeleteConflict here: the teardown reads the role again and detaches what landed late.
            var deleted = await Call("DeleteRole", CallTarget.Role(request.RoleName), () => iam.DeleteRoleAsync(request, CancellationToken.None), cancellationToken).ConfigureAwait(false);
            EventualConsistency.NoteRemoved(ConnectionKey, request.RoleName);
            return deleted;
        }

        public Task<UpdateAssumeRolePolicyResponse> UpdateAssumeRolePolicyAsync(UpdateAssumeRolePolicyRequest request, CancellationToken cancellationToken = default)
            => Call("UpdateAssumeRolePolicy", CallTarget.Role(request.RoleName), () => iam.UpdateAssumeRolePolicyAsync(request, CancellationToken.None), cancellationToken, TransientFailure.InvalidPrincipal, Concurrent(request.RoleName));

        public Task<UpdateRoleResponse> UpdateRoleAsync(UpdateRoleRequest request, CancellationToken cancellationToken = default)
            => Call("UpdateRole", CallTarget.Role(request.RoleName), () => iam.UpdateRoleAsync(request, CancellationToken.None), cancellationToken, Concurrent(request.RoleName));

        public Task<TagRoleResponse> TagRoleAsync(TagRoleRequest request, CancellationToken cancellationToken = default)
            => Call("TagRole", CallTarget.Role(request.RoleName), () => iam.TagRoleAsync(request, CancellationToken.None), cancellationToken, Concurrent(request.RoleName));

        public Task<PutRolePermissionsBoundaryResponse> PutRolePermissionsBoundaryAsync(PutRolePermissionsBoundaryRequest request, CancellationToken cancellationToken = default)
            => Call("PutRolePermissionsBoundary", CallTarget.Role(request.RoleName).WithPolicy(request.PermissionsBoundary), () => iam.PutRolePermissionsBoundaryAsync(request, CancellationToken.None), cancellationToken, Concurrent(request.RoleName));

        public Task<AttachRolePolicyResponse> AttachRolePolicyAsync(AttachRolePolicyRequest request, CancellationToken cancellationToken = default)
            => Call("AttachRolePolicy", CallTarget.Role(request.RoleName).WithPolicy(request.PolicyArn), () => iam.AttachRolePolicyAsync(request, CancellationToken.None), cancellationToken, NewRole(request.RoleName), Concurrent(request.RoleName));

        public Task<DetachRolePolicyResponse> DetachRolePolicyAsync(DetachRolePolicyRequest request, CancellationToken cancellationToken = default)
            => Call("DetachRolePolicy", CallTarget.Role(request.RoleName).WithPolicy(request.PolicyArn), () => iam.DetachRolePolicyAsync(request, CancellationToken.None), cancellationToken, Concurrent(request.RoleName));

        public Task<ListAttachedRolePoliciesResponse> ListAttachedRolePoliciesAsync(ListAttachedRolePoliciesRequest request, CancellationToken cancellationToken = default)
            => Call("ListAttachedRolePolicies", CallTarget.Role(request.RoleName), () => iam.ListAttachedRolePoliciesAsync(request, CancellationToken.None), cancellationToken, NewRole(request.RoleName));

        public Task<ListRolePoliciesResponse> ListRolePoliciesAsync(ListRolePoliciesRequest request, CancellationToken cancellationToken = default)
            => Call("ListRolePolicies", CallTarget.Role(request.RoleName), () => iam.ListRolePoliciesAsync(request, CancellationToken.None), cancellationToken);

        public Task<DeleteRolePolicyResponse> DeleteRolePolicyAsync(DeleteRolePolicyRequest request, CancellationToken cancellationToken = default)
            => Call("DeleteRolePolicy", CallTarget.Role(request.RoleName).WithSubject(request.PolicyName), () => iam.DeleteRolePolicyAsync(request, CancellationToken.None), cancellationToken);

        public Task<ListInstanceProfilesForRoleResponse> ListInstanceProfilesForRoleAsync(ListInstanceProfilesForRoleRequest request, CancellationToken cancellationToken = default)
            => Call("ListInstanceProfilesForRole", CallTarget.Role(request.RoleName), () => iam.ListInstanceProfilesForRoleAsync(request, CancellationToken.None), cancellationToken);

        public Task<RemoveRoleFromInstanceProfileResponse> RemoveRoleFromInstanceProfileAsync(RemoveRoleFromInstanceProfileRequest request, CancellationToken cancellationToken = default)
            => Call("RemoveRoleFromInstanceProfile", CallTarget.Role(request.RoleName).WithSubject(request.InstanceProfileName), () => iam.RemoveRoleFromInstanceProfileAsync(request, CancellationToken.None), cancellationToken);

        public Task<CreatePolicyResponse> CreatePolicyAsync(CreatePolicyRequest request, CancellationToken cancellationToken = default)
            => Call("CreatePolicy", CallTarget.Named(request.PolicyName), () => iam.CreatePolicyAsync(request, CancellationToken.None), cancellationToken);

        public Task<GetPolicyResponse> GetPolicyAsync(GetPolicyRequest request, CancellationToken cancellationToken = default)
            => Call("GetPolicy", CallTarget.Policy(request.PolicyArn), () => iam.GetPolicyAsync(request, CancellationToken.None), cancellationToken);

        public Task<GetPolicyVersionResponse> GetPolicyVersionAsync(GetPolicyVersionRequest request, CancellationToken cancellationToken = default)
            => Call("GetPolicyVersion", CallTarget.Policy(request.PolicyArn).WithSubject(request.VersionId), () => iam.GetPolicyVersionAsync(request, CancellationToken.None), cancellationToken);

        public Task<ListPolicyVersionsResponse> ListPolicyVersionsAsync(ListPolicyVersionsRequest request, CancellationToken cancellationToken = default)
            => Call("ListPolicyVersions", CallTarget.Policy(request.PolicyArn), () => iam.ListPolicyVersionsAsync(request, CancellationToken.None), cancellationToken);

        public Task<CreatePolicyVersionResponse> CreatePolicyVersionAsync(CreatePolicyVersionRequest request, CancellationToken cancellationToken = default)
            => Call("CreatePolicyVersion", CallTarget.Policy(request.PolicyArn), () => iam.CreatePolicyVersionAsync(request, CancellationToken.None), cancellationToken);

        public Task<DeletePolicyVersionResponse> DeletePolicyVersionAsync(DeletePolicyVersionRequest request, CancellationToken cancellationToken = default)
            => Call("DeletePolicyVersion", CallTarget.Policy(request.PolicyArn).WithSubject(request.VersionId), () => iam.DeletePolicyVersionAsync(request, CancellationToken.None), cancellationToken);

        public Task<ListEntitiesForPolicyResponse> ListEntitiesForPolicyAsync(ListEntitiesForPolicyRequest request, CancellationToken cancellationToken = default)
            => Call("ListEntitiesForPolicy", CallTarget.Policy(request.PolicyArn), () => iam.ListEntitiesForPolicyAsync(request, CancellationToken.None), cancellationToken);

        public Task<GetAccountSummaryResponse> GetAccountSummaryAsync(GetAccountSummaryRequest request, CancellationToken cancellationToken = default)
            => Call("GetAccountSummary", CallTarget.None, () => iam.GetAccountSummaryAsync(request, CancellationToken.None), cancellationToken);

        /// <summary>The gateway does not own the client: the connection does.</summary>
        public void Dispose()
        {
        }

        private TransientFailure NewRole(string roleName) => TransientFailure.NewRoleNotVisible(ConnectionKey, roleName);

        private static TransientFailure Concurrent(string roleName) => TransientFailure.ConcurrentModification(roleName);

        private Task<T> Call<T>(string operation, CallTarget target, Func<Task<T>> send, CancellationToken cancellationToken, params TransientFailure[] waits)
            => gateway.CallAsync("iam:" + operation, target, send, waits, cancellationToken);
    }
}
