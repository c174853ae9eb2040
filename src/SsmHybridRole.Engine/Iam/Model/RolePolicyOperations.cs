using System.Xml.Linq;
using Amazon.Runtime;
using SsmHybridRole.Engine.Iam.Internal;

// IAM's operations on the policies of a role: managed ones attached, inline ones listed and deleted.
namespace SsmHybridRole.Engine.Iam.Model
{
    public sealed class AttachRolePolicyRequest : IdentityManagementServiceRequest
    {
        public string RoleName { get; set; } = string.Empty;
        public string PolicyArn { get; set; } = string.Empty;

        internal override string Action => "AttachRolePolicy";

        internal override void WriteParameters(QueryParameterWriter writer) => writer.Add("RoleName", RoleName).Add("PolicyArn", PolicyArn);
    }

    public sealed class AttachRolePolicyResponse : AmazonWebServiceResponse
    {
    }

    public sealed class DetachRolePolicyRequest : IdentityManagementServiceRequest
    {
        public string RoleName { get; set; } = string.Empty;
        public string PolicyArn { get; set; } = string.Empty;

        internal override string Action => "DetachRolePolicy";

        internal override void WriteParameters(QueryParameterWriter writer) => writer.Add("RoleName", RoleName).Add("PolicyArn", PolicyArn);
    }

    public sealed class DetachRolePolicyResponse : AmazonWebServiceResponse
    {
    }

    public sealed class ListAttachedRolePoliciesRequest : PaginatedRequest
    {
        public string RoleName { get; set; } = string.Empty;
        public string? PathPrefix { get; set; }

        internal override string Action => "ListAttachedRolePolicies";

        internal override void WriteListParameters(QueryParameterWriter writer) => writer.Add("RoleName", RoleName).Add("PathPrefix", PathPrefix);
    }

    public sealed class ListAttachedRolePoliciesResponse : PaginatedResponse<AttachedPolicy>
    {
        public List<AttachedPolicy> AttachedPolicies { get; set; } = new List<AttachedPolicy>();

        protected override IEnumerable<AttachedPolicy> PageItems => AttachedPolicies;

        internal static ListAttachedRolePoliciesResponse Read(XElement? result)
            => new ListAttachedRolePoliciesResponse { AttachedPolicies = result.Members("AttachedPolicies").Select(AttachedPolicy.Read).ToList() }
                .WithPaging<ListAttachedRolePoliciesResponse>(result);
    }

    public sealed class ListRolePoliciesRequest : PaginatedRequest
    {
        public string RoleName { get; set; } = string.Empty;

        internal override string Action => "ListRolePolicies";

        internal override void WriteListParameters(QueryParameterWriter writer) => writer.Add("RoleName", RoleName);
    }

    public sealed class ListRolePoliciesResponse : PaginatedResponse<string>
    {
        public List<string> PolicyNames { get; set; } = new List<string>();

        protected override IEnumerable<string> PageItems => PolicyNames;

        internal static ListRolePoliciesResponse Read(XElement? result)
            => new ListRolePoliciesResponse { PolicyNames = result.Members("PolicyNames").Select(m => m.Value).ToList() }.WithPaging<ListRolePoliciesResponse>(result);
    }

    public sealed class DeleteRolePolicyRequest : IdentityManagementServiceRequest
    {
        public string RoleName { get; set; } = string.Empty;
        public string PolicyName { get; set; } = string.Empty;

        internal override string Action => "DeleteRolePolicy";

        internal override void WriteParameters(QueryParameterWriter writer) => writer.Add("RoleName", RoleName).Add("PolicyName", PolicyName);
    }

    public sealed class DeleteRolePolicyResponse : AmazonWebServiceResponse
    {
    }
}
