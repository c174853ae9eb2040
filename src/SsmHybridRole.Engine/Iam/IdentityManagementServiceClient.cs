using System.Collections.Concurrent;
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
        // One unmarshaller per operation, made on its first call.
        private static readonly ConcurrentDictionary<string, object> Unmarshallers = new ConcurrentDictionary<string, object>(StringComparer.Ordinal);

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
            => Send(request, _ => new DeleteRoleResponse(), cancellationToken);

        public Task<UpdateAssumeRolePolicyResponse> UpdateAssumeRolePolicyAsync(UpdateAssumeRolePolicyRequest request, CancellationToken cancellationToken = default)
            => Send(request, _ => new UpdateAssumeRolePolicyResponse(), cancellationToken);

        public Task<UpdateRoleResponse> UpdateRoleAsync(UpdateRoleRequest request, CancellationToken cancellationToken = default)
            => Send(request, _ => new UpdateRoleResponse(), cancellationToken);

        public Task<TagRoleResponse> TagRoleAsync(TagRoleRequest request, CancellationToken cancellationToken = default)
            => Send(request, _ => new TagRoleResponse(), cancellationToken);

        public Task<AttachRolePolicyResponse> AttachRolePolicyAsync(AttachRolePolicyRequest request, CancellationToken cancellationToken = default)
            => Send(request, _ => new AttachRolePolicyResponse(), cancellationToken);

        public Task<DetachRolePolicyResponse> DetachRolePolicyAsync(DetachRolePolicyRequest request, CancellationToken cancellationToken = default)
            => Send(request, _ => new DetachRolePolicyResponse(), cancellationToken);

        public Task<ListAttachedRolePoliciesResponse> ListAttachedRolePoliciesAsync(ListAttachedRolePoliciesRequest request, CancellationToken cancellationToken = default)
            => Send(request, ListAttachedRolePoliciesResponse.Read, cancellationToken);

        public Task<ListRolePoliciesResponse> ListRolePoliciesAsync(ListRolePoliciesRequest request, CancellationToken cancellationToken = default)
            => Send(request, ListRolePoliciesResponse.Read, cancellationToken);

        public Task<DeleteRolePolicyResponse> DeleteRolePolicyAsync(DeleteRolePolicyRequest request, CancellationToken cancellationToken = default)
            => Send(request, _ => new DeleteRolePolicyResponse(), cancellationToken);

        public Task<ListInstanceProfilesForRoleResponse> ListInstanceProfilesForRoleAsync(ListInstanceProfilesForRoleRequest request, CancellationToken cancellationToken = default)
            => Send(request, ListInstanceProfilesForRoleResponse.Read, cancellationToken);

        public Task<RemoveRoleFromInstanceProfileResponse> RemoveRoleFromInstanceProfileAsync(RemoveRoleFromInstanceProfileRequest request, CancellationToken cancellationToken = default)
            => Send(request, _ => new RemoveRoleFromInstanceProfileResponse(), cancellationToken);

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
            => Send(request, _ => new DeletePolicyVersionResponse(), cancellationToken);

        public Task<PutRolePermissionsBoundaryResponse> PutRolePermissionsBoundaryAsync(PutRolePermissionsBoundaryRequest request, CancellationToken cancellationToken = default)
            => Send(request, _ => new PutRolePermissionsBoundaryResponse(), cancellationToken);

        public Task<ListEntitiesForPolicyResponse> ListEntitiesForPolicyAsync(ListEntitiesForPolicyRequest request, CancellationToken cancellationToken = default)
            => Send(request, ListEntitiesForPolicyResponse.Read, cancellationToken);

        public Task<GetAccountSummaryResponse> GetAccountSummaryAsync(GetAccountSummaryRequest request, CancellationToken cancellationToken = default)
            => Send(request, GetAccountSummaryResponse.Read, cancellationToken);

        /// <summary>
        /// Sends any IAM Query request through the SDK pipeline and reads its result with <paramref name="read"/>.
        /// Internal so the tests can send the operations only they need (users, access keys, instance profiles).
        /// </summary>
        internal Task<TResponse> Send<TResponse>(IdentityManagementServiceRequest request, Func<XElement?, TResponse> read, CancellationToken cancellationToken)
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
                    request.Action, action => new QueryResponseUnmarshaller<TResponse>(action, read)),
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
