using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using System.Xml.Linq;
using Amazon.Runtime;
using SsmHybridRole.Engine.Iam;
using SsmHybridRole.Engine.Iam.Internal;
using SsmHybridRole.Engine.Iam.Model;

// IAM operations the module never calls, which the tests need to set the scene: users and access keys with
// exactly the README's permissions, instance profiles and inline policies on a role, and tag paging. They
// ride on the module's own client (its internal Send), so they are signed and sent the same way.
namespace SsmHybridRole.Tests.Engine
{
    public sealed class CreateUserRequest : IdentityManagementServiceRequest
    {
        public string UserName { get; set; } = string.Empty;

        internal override string Action => "CreateUser";

        internal override void WriteParameters(QueryParameterWriter writer) => writer.Add("UserName", UserName);
    }

    public sealed class PutUserPolicyRequest : IdentityManagementServiceRequest
    {
        public string UserName { get; set; } = string.Empty;
        public string PolicyName { get; set; } = string.Empty;
        public string PolicyDocument { get; set; } = string.Empty;

        internal override string Action => "PutUserPolicy";

        internal override void WriteParameters(QueryParameterWriter writer) => writer.Add("UserName", UserName).Add("PolicyName", PolicyName).Add("PolicyDocument", PolicyDocument);
    }

    public sealed class CreateAccessKeyRequest : IdentityManagementServiceRequest
    {
        public string UserName { get; set; } = string.Empty;

        internal override string Action => "CreateAccessKey";

        internal override void WriteParameters(QueryParameterWriter writer) => writer.Add("UserName", UserName);
    }

    public sealed class CreateAccessKeyResponse : AmazonWebServiceResponse
    {
        public string AccessKeyId { get; set; } = string.Empty;
        public string SecretAccessKey { get; set; } = string.Empty;

        internal static CreateAccessKeyResponse Read(XElement? result) => new CreateAccessKeyResponse
        {
            AccessKeyId = result.Child("AccessKey").Text("AccessKeyId") ?? string.Empty,
            SecretAccessKey = result.Child("AccessKey").Text("SecretAccessKey") ?? string.Empty,
        };
    }

    public sealed class CreateInstanceProfileRequest : IdentityManagementServiceRequest
    {
        public string InstanceProfileName { get; set; } = string.Empty;

        internal override string Action => "CreateInstanceProfile";

        internal override void WriteParameters(QueryParameterWriter writer) => writer.Add("InstanceProfileName", InstanceProfileName);
    }

    public sealed class AddRoleToInstanceProfileRequest : IdentityManagementServiceRequest
    {
        public string InstanceProfileName { get; set; } = string.Empty;
        public string RoleName { get; set; } = string.Empty;

        internal override string Action => "AddRoleToInstanceProfile";

        internal override void WriteParameters(QueryParameterWriter writer) => writer.Add("InstanceProfileName", InstanceProfileName).Add("RoleName", RoleName);
    }

    public sealed class PutRolePolicyRequest : IdentityManagementServiceRequest
    {
        public string RoleName { get; set; } = string.Empty;
        public string PolicyName { get; set; } = string.Empty;
        public string PolicyDocument { get; set; } = string.Empty;

        internal override string Action => "PutRolePolicy";

        internal override void WriteParameters(QueryParameterWriter writer) => writer.Add("RoleName", RoleName).Add("PolicyName", PolicyName).Add("PolicyDocument", PolicyDocument);
    }

    public sealed class ListRoleTagsRequest : PaginatedRequest
    {
        public string RoleName { get; set; } = string.Empty;

        internal override string Action => "ListRoleTags";

        internal override void WriteListParameters(QueryParameterWriter writer) => writer.Add("RoleName", RoleName);
    }

    public sealed class ListRoleTagsResponse : SsmHybridRole.Engine.Iam.Model.PaginatedResponse<Tag>
    {
        public List<Tag> Tags { get; set; } = new List<Tag>();

        protected override IEnumerable<Tag> PageItems => Tags;

        internal static ListRoleTagsResponse Read(XElement? result)
            => new ListRoleTagsResponse { Tags = result.Members("Tags").Select(Tag.Read).ToList() }.WithPaging<ListRoleTagsResponse>(result);
    }

    /// <summary>A response the tests do not read.</summary>
    public sealed class NoContentResponse : AmazonWebServiceResponse
    {
    }

    internal static class TestOnlyIamOperations
    {
        public static Task<NoContentResponse> CreateUserAsync(this IdentityManagementServiceClient iam, CreateUserRequest request, CancellationToken cancellationToken = default)
            => iam.Send(request, _ => new NoContentResponse(), cancellationToken);

        public static Task<NoContentResponse> PutUserPolicyAsync(this IdentityManagementServiceClient iam, PutUserPolicyRequest request, CancellationToken cancellationToken = default)
            => iam.Send(request, _ => new NoContentResponse(), cancellationToken);

        public static Task<CreateAccessKeyResponse> CreateAccessKeyAsync(this IdentityManagementServiceClient iam, CreateAccessKeyRequest request, CancellationToken cancellationToken = default)
            => iam.Send(request, CreateAccessKeyResponse.Read, cancellationToken);

        public static Task<NoContentResponse> CreateInstanceProfileAsync(this IdentityManagementServiceClient iam, CreateInstanceProfileRequest request, CancellationToken cancellationToken = default)
            => iam.Send(request, _ => new NoContentResponse(), cancellationToken);

        public static Task<NoContentResponse> AddRoleToInstanceProfileAsync(this IdentityManagementServiceClient iam, AddRoleToInstanceProfileRequest request, CancellationToken cancellationToken = default)
            => iam.Send(request, _ => new NoContentResponse(), cancellationToken);

        public static Task<NoContentResponse> PutRolePolicyAsync(this IdentityManagementServiceClient iam, PutRolePolicyRequest request, CancellationToken cancellationToken = default)
            => iam.Send(request, _ => new NoContentResponse(), cancellationToken);

        public static Task<ListRoleTagsResponse> ListRoleTagsAsync(this IdentityManagementServiceClient iam, ListRoleTagsRequest request, CancellationToken cancellationToken = default)
            => iam.Send(request, ListRoleTagsResponse.Read, cancellationToken);
    }
}
