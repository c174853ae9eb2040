using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;
using Amazon.Runtime;
using SsmHybridRole.Engine.Iam.Internal;

#pragma warning disable SA1402 // each operation's request and response side by side, as the service model pairs them
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
        {
            writer.Add("RoleName", RoleName);
            writer.Add("AssumeRolePolicyDocument", AssumeRolePolicyDocument);
            writer.Add("Path", Path);
            writer.Add("Description", Description);
            writer.Add("MaxSessionDuration", MaxSessionDuration);
            writer.Add("PermissionsBoundary", PermissionsBoundary);
            if (Tags.Count > 0)
            {
                writer.AddTags("Tags", Tags);
            }
        }
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

        internal override void WriteListParameters(QueryParameterWriter writer)
        {
            writer.Add("PathPrefix", PathPrefix);
        }
    }

    public sealed class ListRolesResponse : PaginatedResponse<Role>
    {
        public List<Role> Roles { get; set; } = new List<Role>();

        protected override IEnumerable<Role> PageItems => Roles;

        internal static ListRolesResponse Read(XElement? result) => new ListRolesResponse
        {
            Roles = result.Members("Roles").Select(r => Role.Read(r)).ToList()
        }.WithPaging<ListRolesResponse>(result);
    }

    public sealed class DeleteRoleRequest : IdentityManagementServiceRequest
    {
        public string RoleName { get; set; } = string.Empty;

        internal override string Action => "DeleteRole";

        internal override void WriteParameters(QueryParameterWriter writer) => writer.Add("RoleName", RoleName);
    }

    public sealed class DeleteRoleResponse : AmazonWebServiceResponse
    {
        internal static DeleteRoleResponse Read(XElement? result) => new DeleteRoleResponse();
    }

    public sealed class UpdateAssumeRolePolicyRequest : IdentityManagementServiceRequest
    {
        public string RoleName { get; set; } = string.Empty;
        public string PolicyDocument { get; set; } = string.Empty;

        internal override string Action => "UpdateAssumeRolePolicy";

        internal override void WriteParameters(QueryParameterWriter writer)
        {
            writer.Add("RoleName", RoleName);
            writer.Add("PolicyDocument", PolicyDocument);
        }
    }

    public sealed class UpdateAssumeRolePolicyResponse : AmazonWebServiceResponse
    {
        internal static UpdateAssumeRolePolicyResponse Read(XElement? result) => new UpdateAssumeRolePolicyResponse();
    }

    public sealed class UpdateRoleRequest : IdentityManagementServiceRequest
    {
        public string RoleName { get; set; } = string.Empty;
        public string? Description { get; set; }
        public int? MaxSessionDuration { get; set; }

        internal override string Action => "UpdateRole";

        internal override void WriteParameters(QueryParameterWriter writer)
        {
            writer.Add("RoleName", RoleName);
            writer.Add("Description", Description);
            writer.Add("MaxSessionDuration", MaxSessionDuration);
        }
    }

    public sealed class UpdateRoleResponse : AmazonWebServiceResponse
    {
        internal static UpdateRoleResponse Read(XElement? result) => new UpdateRoleResponse();
    }

    public sealed class PutRolePermissionsBoundaryRequest : IdentityManagementServiceRequest
    {
        public string RoleName { get; set; } = string.Empty;
        public string PermissionsBoundary { get; set; } = string.Empty;

        internal override string Action => "PutRolePermissionsBoundary";

        internal override void WriteParameters(QueryParameterWriter writer)
        {
            writer.Add("RoleName", RoleName);
            writer.Add("PermissionsBoundary", PermissionsBoundary);
        }
    }

    public sealed class PutRolePermissionsBoundaryResponse : AmazonWebServiceResponse
    {
        internal static PutRolePermissionsBoundaryResponse Read(XElement? result) => new PutRolePermissionsBoundaryResponse();
    }

    public sealed class TagRoleRequest : IdentityManagementServiceRequest
    {
        public string RoleName { get; set; } = string.Empty;
        public List<Tag> Tags { get; set; } = new List<Tag>();

        internal override string Action => "TagRole";

        internal override void WriteParameters(QueryParameterWriter writer)
        {
            writer.Add("RoleName", RoleName);
            writer.AddTags("Tags", Tags);
        }
    }

    public sealed class TagRoleResponse : AmazonWebServiceResponse
    {
        internal static TagRoleResponse Read(XElement? result) => new TagRoleResponse();
    }

    public sealed class ListRoleTagsRequest : PaginatedRequest
    {
        public string RoleName { get; set; } = string.Empty;

        internal override string Action => "ListRoleTags";

        internal override void WriteListParameters(QueryParameterWriter writer)
        {
            writer.Add("RoleName", RoleName);
        }
    }

    public sealed class ListRoleTagsResponse : PaginatedResponse<Tag>
    {
        public List<Tag> Tags { get; set; } = new List<Tag>();

        protected override IEnumerable<Tag> PageItems => Tags;

        internal static ListRoleTagsResponse Read(XElement? result) => new ListRoleTagsResponse
        {
            Tags = result.Members("Tags").Select(Tag.Read).ToList()
        }.WithPaging<ListRoleTagsResponse>(result);
    }
}
