using System.Xml.Linq;
using Amazon.Runtime;
using SsmHybridRole.Engine.Iam.Internal;

// Customer managed policies and their versions (IAM keeps at most five), and the account's quotas.
namespace SsmHybridRole.Engine.Iam.Model
{
    public sealed class CreatePolicyRequest : IdentityManagementServiceRequest
    {
        public string PolicyName { get; set; } = string.Empty;
        public string PolicyDocument { get; set; } = string.Empty;
        public string? Path { get; set; }
        public string? Description { get; set; }
        public List<Tag> Tags { get; set; } = new List<Tag>();

        internal override string Action => "CreatePolicy";

        internal override void WriteParameters(QueryParameterWriter writer)
            => writer.Add("PolicyName", PolicyName).Add("PolicyDocument", PolicyDocument).Add("Path", Path).Add("Description", Description).AddTags("Tags", Tags.Count > 0 ? Tags : null);
    }

    public sealed class CreatePolicyResponse : AmazonWebServiceResponse
    {
        public ManagedPolicy Policy { get; set; } = new ManagedPolicy();

        internal static CreatePolicyResponse Read(XElement? result) => new CreatePolicyResponse { Policy = ManagedPolicy.Read(result.Child("Policy")) };
    }

    public sealed class GetPolicyRequest : IdentityManagementServiceRequest
    {
        public string PolicyArn { get; set; } = string.Empty;

        internal override string Action => "GetPolicy";

        internal override void WriteParameters(QueryParameterWriter writer) => writer.Add("PolicyArn", PolicyArn);
    }

    public sealed class GetPolicyResponse : AmazonWebServiceResponse
    {
        public ManagedPolicy Policy { get; set; } = new ManagedPolicy();

        internal static GetPolicyResponse Read(XElement? result) => new GetPolicyResponse { Policy = ManagedPolicy.Read(result.Child("Policy")) };
    }

    public sealed class GetPolicyVersionRequest : IdentityManagementServiceRequest
    {
        public string PolicyArn { get; set; } = string.Empty;
        public string VersionId { get; set; } = string.Empty;

        internal override string Action => "GetPolicyVersion";

        internal override void WriteParameters(QueryParameterWriter writer) => writer.Add("PolicyArn", PolicyArn).Add("VersionId", VersionId);
    }

    public sealed class GetPolicyVersionResponse : AmazonWebServiceResponse
    {
        public PolicyVersion PolicyVersion { get; set; } = new PolicyVersion();

        internal static GetPolicyVersionResponse Read(XElement? result) => new GetPolicyVersionResponse { PolicyVersion = PolicyVersion.Read(result.Child("PolicyVersion")) };
    }

    public sealed class ListPolicyVersionsRequest : PaginatedRequest
    {
        public string PolicyArn { get; set; } = string.Empty;

        internal override string Action => "ListPolicyVersions";

        internal override void WriteListParameters(QueryParameterWriter writer) => writer.Add("PolicyArn", PolicyArn);
    }

    public sealed class ListPolicyVersionsResponse : PaginatedResponse<PolicyVersion>
    {
        public List<PolicyVersion> Versions { get; set; } = new List<PolicyVersion>();

        protected override IEnumerable<PolicyVersion> PageItems => Versions;

        internal static ListPolicyVersionsResponse Read(XElement? result)
            => new ListPolicyVersionsResponse { Versions = result.Members("Versions").Select(v => PolicyVersion.Read(v)).ToList() }.WithPaging<ListPolicyVersionsResponse>(result);
    }

    public sealed class CreatePolicyVersionRequest : IdentityManagementServiceRequest
    {
        public string PolicyArn { get; set; } = string.Empty;
        public string PolicyDocument { get; set; } = string.Empty;
        public bool SetAsDefault { get; set; }

        internal override string Action => "CreatePolicyVersion";

        internal override void WriteParameters(QueryParameterWriter writer) => writer.Add("PolicyArn", PolicyArn).Add("PolicyDocument", PolicyDocument).Add("SetAsDefault", SetAsDefault);
    }

    public sealed class CreatePolicyVersionResponse : AmazonWebServiceResponse
    {
        public PolicyVersion PolicyVersion { get; set; } = new PolicyVersion();

        internal static CreatePolicyVersionResponse Read(XElement? result) => new CreatePolicyVersionResponse { PolicyVersion = PolicyVersion.Read(result.Child("PolicyVersion")) };
    }

    public sealed class DeletePolicyVersionRequest : IdentityManagementServiceRequest
    {
        public string PolicyArn { get; set; } = string.Empty;
        public string VersionId { get; set; } = string.Empty;

        internal override string Action => "DeletePolicyVersion";

        internal override void WriteParameters(QueryParameterWriter writer) => writer.Add("PolicyArn", PolicyArn).Add("VersionId", VersionId);
    }

    public sealed class DeletePolicyVersionResponse : AmazonWebServiceResponse
    {
    }

    public sealed class ListEntitiesForPolicyRequest : PaginatedRequest
    {
        public string PolicyArn { get; set; } = string.Empty;

        internal override string Action => "ListEntitiesForPolicy";

        internal override void WriteListParameters(QueryParameterWriter writer) => writer.Add("PolicyArn", PolicyArn);
    }

    /// <summary>The roles, users and groups a managed policy is attached to, by name; paged over all three.</summary>
    public sealed class ListEntitiesForPolicyResponse : PaginatedResponse<string>
    {
        public List<string> PolicyRoles { get; set; } = new List<string>();
        public List<string> PolicyUsers { get; set; } = new List<string>();
        public List<string> PolicyGroups { get; set; } = new List<string>();

        protected override IEnumerable<string> PageItems
            => PolicyRoles.Select(r => "role/" + r).Concat(PolicyUsers.Select(u => "user/" + u)).Concat(PolicyGroups.Select(g => "group/" + g));

        internal static ListEntitiesForPolicyResponse Read(XElement? result) => new ListEntitiesForPolicyResponse
        {
            PolicyRoles = result.Members("PolicyRoles").Select(m => m.Text("RoleName") ?? string.Empty).ToList(),
            PolicyUsers = result.Members("PolicyUsers").Select(m => m.Text("UserName") ?? string.Empty).ToList(),
            PolicyGroups = result.Members("PolicyGroups").Select(m => m.Text("GroupName") ?? string.Empty).ToList(),
        }.WithPaging<ListEntitiesForPolicyResponse>(result);
    }

    public sealed class GetAccountSummaryRequest : IdentityManagementServiceRequest
    {
        internal override string Action => "GetAccountSummary";

        internal override void WriteParameters(QueryParameterWriter writer)
        {
        }
    }

    public sealed class GetAccountSummaryResponse : AmazonWebServiceResponse
    {
        /// <summary>Usage and quotas by IAM's names, e.g. AttachedPoliciesPerRoleQuota, AssumeRolePolicySizeQuota.</summary>
        public Dictionary<string, int> SummaryMap { get; set; } = new Dictionary<string, int>();

        internal static GetAccountSummaryResponse Read(XElement? result)
        {
            var response = new GetAccountSummaryResponse();
            foreach (var entry in result?.Child("SummaryMap")?.Elements() ?? Enumerable.Empty<XElement>())
            {
                var key = entry.Text("key");
                if (key != null && entry.Int("value") is int value)
                {
                    response.SummaryMap[key] = value;
                }
            }

            return response;
        }
    }
}
