using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using System.Xml.Linq;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using SsmHybridRole.Engine.Iam.Internal;
using SsmHybridRole.Engine.Iam.Model;

namespace SsmHybridRole.Engine.Iam
{
    /// <summary>
    /// IAM over the Query protocol (2010-05-08), built on AWSSDK.Core's client pipeline the way the SDK's
    /// generated clients are: the SDK supplies credentials, SigV4 signing, standard retries with backoff,
    /// clock-skew correction, HTTP and error handling; this class only names the operations and their
    /// (un)marshalling.
    /// </summary>
    public sealed class IdentityManagementServiceClient : AmazonServiceClient, IIdentityManagementService
    {
        private static readonly IServiceMetadata Metadata = new IamServiceMetadata();
        private static readonly ConcurrentDictionary<Type, object> Unmarshallers = new ConcurrentDictionary<Type, object>();

        public IdentityManagementServiceClient(AWSCredentials credentials, IdentityManagementServiceConfig config)
            : base(credentials, config)
        {
        }

        protected override IServiceMetadata ServiceMetadata => Metadata;

        protected override void CustomizeRuntimePipeline(RuntimePipeline pipeline)
        {
            if (pipeline is null)
            {
                throw new ArgumentNullException(nameof(pipeline));
            }

            pipeline.RemoveHandler<EndpointResolver>();
            pipeline.AddHandlerAfter<Marshaller>(new IamEndpointResolver());
            pipeline.AddHandlerAfter<Marshaller>(new IamAuthSchemeHandler());
        }

        public Task<CreateRoleResponse> CreateRoleAsync(CreateRoleRequest request, CancellationToken cancellationToken = default)
            => Send(request, CreateRoleResponse.Read, cancellationToken);

        public Task<GetRoleResponse> GetRoleAsync(GetRoleRequest request, CancellationToken cancellationToken = default)
            => Send(request, GetRoleResponse.Read, cancellationToken);

        public Task<ListRolesResponse> ListRolesAsync(ListRolesRequest request, CancellationToken cancellationToken = default)
            => Send(request, ListRolesResponse.Read, cancellationToken);

        public Task<DeleteRoleResponse> DeleteRoleAsync(DeleteRoleRequest request, CancellationToken cancellationToken = default)
            => Send(request, DeleteRoleResponse.Read, cancellationToken);

        public Task<UpdateAssumeRolePolicyResponse> UpdateAssumeRolePolicyAsync(UpdateAssumeRolePolicyRequest request, CancellationToken cancellationToken = default)
            => Send(request, UpdateAssumeRolePolicyResponse.Read, cancellationToken);

        public Task<UpdateRoleResponse> UpdateRoleAsync(UpdateRoleRequest request, CancellationToken cancellationToken = default)
            => Send(request, UpdateRoleResponse.Read, cancellationToken);

        public Task<TagRoleResponse> TagRoleAsync(TagRoleRequest request, CancellationToken cancellationToken = default)
            => Send(request, TagRoleResponse.Read, cancellationToken);

        public Task<ListRoleTagsResponse> ListRoleTagsAsync(ListRoleTagsRequest request, CancellationToken cancellationToken = default)
            => Send(request, ListRoleTagsResponse.Read, cancellationToken);

        public Task<AttachRolePolicyResponse> AttachRolePolicyAsync(AttachRolePolicyRequest request, CancellationToken cancellationToken = default)
            => Send(request, AttachRolePolicyResponse.Read, cancellationToken);

        public Task<DetachRolePolicyResponse> DetachRolePolicyAsync(DetachRolePolicyRequest request, CancellationToken cancellationToken = default)
            => Send(request, DetachRolePolicyResponse.Read, cancellationToken);

        public Task<ListAttachedRolePoliciesResponse> ListAttachedRolePoliciesAsync(ListAttachedRolePoliciesRequest request, CancellationToken cancellationToken = default)
            => Send(request, ListAttachedRolePoliciesResponse.Read, cancellationToken);

        public Task<ListRolePoliciesResponse> ListRolePoliciesAsync(ListRolePoliciesRequest request, CancellationToken cancellationToken = default)
            => Send(request, ListRolePoliciesResponse.Read, cancellationToken);

        public Task<DeleteRolePolicyResponse> DeleteRolePolicyAsync(DeleteRolePolicyRequest request, CancellationToken cancellationToken = default)
            => Send(request, DeleteRolePolicyResponse.Read, cancellationToken);

        public Task<ListInstanceProfilesForRoleResponse> ListInstanceProfilesForRoleAsync(ListInstanceProfilesForRoleRequest request, CancellationToken cancellationToken = default)
            => Send(request, ListInstanceProfilesForRoleResponse.Read, cancellationToken);

        public Task<RemoveRoleFromInstanceProfileResponse> RemoveRoleFromInstanceProfileAsync(RemoveRoleFromInstanceProfileRequest request, CancellationToken cancellationToken = default)
            => Send(request, RemoveRoleFromInstanceProfileResponse.Read, cancellationToken);

        public Task<CreatePolicyResponse> CreatePolicyAsync(CreatePolicyRequest request, CancellationToken cancellationToken = default)
            => Send(request, CreatePolicyResponse.Read, cancellationToken);

        public Task<GetPolicyResponse> GetPolicyAsync(GetPolicyRequest request, CancellationToken cancellationToken = default)
            => Send(request, GetPolicyResponse.Read, cancellationToken);

        public Task<GetPolicyVersionResponse> GetPolicyVersionAsync(GetPolicyVersionRequest request, CancellationToken cancellationToken = default)
            => Send(request, GetPolicyVersionResponse.Read, cancellationToken);

        public Task<ListPolicyVersionsResponse> ListPolicyVersionsAsync(ListPolicyVersionsRequest request, CancellationToken cancellationToken = default)
            => Send(request, ListPolicyVersionsResponse.Read, cancellationToken);

        public Task<CreatePolicyVersionResponse> CreatePolicyVersionAsync(CreatePolicyVersionRequest request, CancellationToken cancellationToken = default)
            => Send(request, CreatePolicyVersionResponse.Read, cancellationToken);

        public Task<DeletePolicyVersionResponse> DeletePolicyVersionAsync(DeletePolicyVersionRequest request, CancellationToken cancellationToken = default)
            => Send(request, DeletePolicyVersionResponse.Read, cancellationToken);

        public Task<PutRolePermissionsBoundaryResponse> PutRolePermissionsBoundaryAsync(PutRolePermissionsBoundaryRequest request, CancellationToken cancellationToken = default)
            => Send(request, PutRolePermissionsBoundaryResponse.Read, cancellationToken);

        public Task<CreateInstanceProfileResponse> CreateInstanceProfileAsync(CreateInstanceProfileRequest request, CancellationToken cancellationToken = default)
            => Send(request, CreateInstanceProfileResponse.Read, cancellationToken);

        public Task<AddRoleToInstanceProfileResponse> AddRoleToInstanceProfileAsync(AddRoleToInstanceProfileRequest request, CancellationToken cancellationToken = default)
            => Send(request, AddRoleToInstanceProfileResponse.Read, cancellationToken);

        public Task<PutRolePolicyResponse> PutRolePolicyAsync(PutRolePolicyRequest request, CancellationToken cancellationToken = default)
            => Send(request, PutRolePolicyResponse.Read, cancellationToken);

        public Task<CreateUserResponse> CreateUserAsync(CreateUserRequest request, CancellationToken cancellationToken = default)
            => Send(request, CreateUserResponse.Read, cancellationToken);

        public Task<PutUserPolicyResponse> PutUserPolicyAsync(PutUserPolicyRequest request, CancellationToken cancellationToken = default)
            => Send(request, PutUserPolicyResponse.Read, cancellationToken);

        public Task<CreateAccessKeyResponse> CreateAccessKeyAsync(CreateAccessKeyRequest request, CancellationToken cancellationToken = default)
            => Send(request, CreateAccessKeyResponse.Read, cancellationToken);

        public Task<GetAccountSummaryResponse> GetAccountSummaryAsync(GetAccountSummaryRequest request, CancellationToken cancellationToken = default)
            => Send(request, GetAccountSummaryResponse.Read, cancellationToken);

        private Task<TResponse> Send<TResponse>(IdentityManagementServiceRequest request, Func<XElement?, TResponse> read, CancellationToken cancellationToken)
            where TResponse : AmazonWebServiceResponse, new()
        {
            if (request is null)
            {
                throw new ArgumentNullException(nameof(request));
            }

            var options = new InvokeOptions
            {
                RequestMarshaller = QueryRequestMarshaller.Instance,
                ResponseUnmarshaller = (QueryResponseUnmarshaller<TResponse>)Unmarshallers.GetOrAdd(
                    typeof(TResponse), _ => new QueryResponseUnmarshaller<TResponse>(request.Action, read)),
            };
            return InvokeAsync<TResponse>(request, options, cancellationToken);
        }

        private sealed class IamServiceMetadata : IServiceMetadata
        {
            public string ServiceId => "IAM";

            public IDictionary<string, string> OperationNameMapping { get; } = new Dictionary<string, string>();
        }
    }
}
