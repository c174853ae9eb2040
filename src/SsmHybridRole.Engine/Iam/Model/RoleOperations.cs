using System.Xml.Linq;
using Amazon.Runtime;
using SsmHybridRole.Engine.Iam.Internal;

// IAM's role operations, each request beside its response as the service model pairs them.
namespace SsmHybridRole.Engine.Iam.Model
{
    public sealed class CreateRoleRequest : IdentityManagementServiceRequest
    {
        public string RoleName { get; set; } = string.Empty;
        public string AssumeRolePolicyDocument { get; set; } = string.Empty;
        public string? Path { get; set; }
        public string? Description { get; set; }
        public int? MaxSessionDuration { get; set; }
        public string? PermissionsBoundary { get; set; }
        public List<Tag> Tags { get; set; } = new List<Tag>();

        internal override string Action => "CreateRole";

        internal override void WriteParameters(QueryParameterWriter writer)
            => writer.Add("RoleName", RoleName).Add("AssumeRolePolicyDocument", AssumeRolePolicyDocument).Add("Path", Path).Add("Description", Description)
                .Add("MaxSessionDuration", MaxSessionDuration).Add("PermissionsBoundary", PermissionsBoundary).AddTags("Tags", Tags.Count > 0 ? Tags : null);
    }

    public sealed class CreateRoleResponse : AmazonWebServiceResponse
    {
        public Role Role { get; set; } = new Role();

        internal static CreateRoleResponse Read(XElement? result) => new CreateRoleResponse { Role = Role.Read(result.Child("Role")) };
    }

    public sealed class GetRoleRequest : IdentityManagementServiceRequest
    {
        public string RoleName { get; set; } = string.Empty;

        internal override string Action => "GetRole";

        internal override void WriteParameters(QueryParameterWriter writer) => writer.Add("RoleName", RoleName);
    }

    public sealed class GetRoleResponse : AmazonWebServiceResponse
    {
        public Role Role { get; set; } = new Role();

        internal static GetRoleResponse Read(XElement? result) => new GetRoleResponse { Role = Role.Read(result.Child("Role")) };
    }

    public sealed class ListRolesRequest : PaginatedRequest
    {
        public string? PathPrefix { get; set; }

        internal override string Action => "ListRoles";

        internal override void WriteListParameters(QueryParameterWriter writer) => writer.Add("PathPrefix", PathPrefix);
    }

    public sealed class ListRolesResponse : PaginatedResponse<Role>
    {
        public List<Role> Roles { get; set; } = new List<Role>();

        protected override IEnumerable<Role> PageItems => Roles;

        internal static ListRolesResponse Read(XElement? result)
            => new ListRolesResponse { Roles = result.Members("Roles").Select(r => Role.Read(r)).ToList() }.WithPaging<ListRolesResponse>(result);
    }

    public sealed class DeleteRoleRequest : IdentityManagementServiceRequest
    {
        public string RoleName { get; set; } = string.Empty;

        internal override string Action => "DeleteRole";

        internal override void WriteParameters(QueryParameterWriter writer) => writer.Add("RoleName", RoleName);
    }

    public sealed class DeleteRoleResponse : AmazonWebServiceResponse
    {
    }

    public sealed class UpdateAssumeRolePolicyRequest : IdentityManagementServiceRequest
    {
        public string RoleName { get; set; } = string.Empty;
        public string PolicyDocument { get; set; } = string.Empty;

        internal override string Action => "UpdateAssumeRolePolicy";

        internal override void WriteParameters(QueryParameterWriter writer) => writer.Add("RoleName", RoleName).Add("PolicyDocument", PolicyDocument);
    }

    public sealed class UpdateAssumeRolePolicyResponse : AmazonWebServiceResponse
    {
    }

    public sealed class UpdateRoleRequest : IdentityManagementServiceRequest
    {
        public string RoleName { get; set; } = string.Empty;
        public string? Description { get; set; }
        public int? MaxSessionDuration { get; set; }

        internal override string Action => "UpdateRole";

        internal override void WriteParameters(QueryParameterWriter writer)
            => writer.Add("RoleName", RoleName).Add("Description", Description).Add("MaxSessionDuration", MaxSessionDuration);
    }

    public sealed class UpdateRoleResponse : AmazonWebServiceResponse
    {
    }

    public sealed class PutRolePermissionsBoundaryRequest : IdentityManagementServiceRequest
    {
        public string RoleName { get; set; } = string.Empty;
        public string PermissionsBoundary { get; set; } = string.Empty;

        internal override string Action => "PutRolePermissionsBoundary";

        internal override void WriteParameters(QueryParameterWriter writer) => writer.Add("RoleName", RoleName).Add("PermissionsBoundary", PermissionsBoundary);
    }

    public sealed class PutRolePermissionsBoundaryResponse : AmazonWebServiceResponse
    {
    }

    public sealed class TagRoleRequest : IdentityManagementServiceRequest
    {
        public string RoleName { get; set; } = string.Empty;
        public List<Tag> Tags { get; set; } = new List<Tag>();

        internal override string Action => "TagRole";

        internal override void WriteParameters(QueryParameterWriter writer) => writer.Add("RoleName", RoleName).AddTags("Tags", Tags);
    }

    public sealed class TagRoleResponse : AmazonWebServiceResponse
    {
    }
}
