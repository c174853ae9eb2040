using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;
using Amazon.Runtime;
using SsmHybridRole.Engine.Iam.Internal;

#pragma warning disable SA1402 // each operation's request and response side by side, as the service model pairs them
namespace SsmHybridRole.Engine.Iam.Model
{
    public sealed class AttachRolePolicyRequest : IdentityManagementServiceRequest
    {
        public string RoleName { get; set; } = string.Empty;
        public string PolicyArn { get; set; } = string.Empty;

        internal override string Action => "AttachRolePolicy";

        internal override void WriteParameters(QueryParameterWriter writer)
        {
            writer.Add("RoleName", RoleName);
            writer.Add("PolicyArn", PolicyArn);
        }
    }

    public sealed class AttachRolePolicyResponse : AmazonWebServiceResponse
    {
        internal static AttachRolePolicyResponse Read(XElement? result) => new AttachRolePolicyResponse();
    }

    public sealed class DetachRolePolicyRequest : IdentityManagementServiceRequest
    {
        public string RoleName { get; set; } = string.Empty;
        public string PolicyArn { get; set; } = string.Empty;

        internal override string Action => "DetachRolePolicy";

        internal override void WriteParameters(QueryParameterWriter writer)
        {
            writer.Add("RoleName", RoleName);
            writer.Add("PolicyArn", PolicyArn);
        }
    }

    public sealed class DetachRolePolicyResponse : AmazonWebServiceResponse
    {
        internal static DetachRolePolicyResponse Read(XElement? result) => new DetachRolePolicyResponse();
    }

    public sealed class ListAttachedRolePoliciesRequest : PaginatedRequest
    {
        public string RoleName { get; set; } = string.Empty;
        public string? PathPrefix { get; set; }

        internal override string Action => "ListAttachedRolePolicies";

        internal override void WriteListParameters(QueryParameterWriter writer)
        {
            writer.Add("RoleName", RoleName);
            writer.Add("PathPrefix", PathPrefix);
        }
    }

    public sealed class ListAttachedRolePoliciesResponse : PaginatedResponse<AttachedPolicy>
    {
        public List<AttachedPolicy> AttachedPolicies { get; set; } = new List<AttachedPolicy>();

        protected override IEnumerable<AttachedPolicy> PageItems => AttachedPolicies;

        internal static ListAttachedRolePoliciesResponse Read(XElement? result) => new ListAttachedRolePoliciesResponse
        {
            AttachedPolicies = result.Members("AttachedPolicies").Select(AttachedPolicy.Read).ToList()
        }.WithPaging<ListAttachedRolePoliciesResponse>(result);
    }

    public sealed class ListRolePoliciesRequest : PaginatedRequest
    {
        public string RoleName { get; set; } = string.Empty;

        internal override string Action => "ListRolePolicies";

        internal override void WriteListParameters(QueryParameterWriter writer)
        {
            writer.Add("RoleName", RoleName);
        }
    }

    public sealed class ListRolePoliciesResponse : PaginatedResponse<string>
    {
        public List<string> PolicyNames { get; set; } = new List<string>();

        protected override IEnumerable<string> PageItems => PolicyNames;

        internal static ListRolePoliciesResponse Read(XElement? result) => new ListRolePoliciesResponse
        {
            PolicyNames = result.Members("PolicyNames").Select(m => m.Value).ToList()
        }.WithPaging<ListRolePoliciesResponse>(result);
    }

    public sealed class DeleteRolePolicyRequest : IdentityManagementServiceRequest
    {
        public string RoleName { get; set; } = string.Empty;
        public string PolicyName { get; set; } = string.Empty;

        internal override string Action => "DeleteRolePolicy";

        internal override void WriteParameters(QueryParameterWriter writer)
        {
            writer.Add("RoleName", RoleName);
            writer.Add("PolicyName", PolicyName);
        }
    }

    public sealed class DeleteRolePolicyResponse : AmazonWebServiceResponse
    {
        internal static DeleteRolePolicyResponse Read(XElement? result) => new DeleteRolePolicyResponse();
    }

    public sealed class CreatePolicyRequest : IdentityManagementServiceRequest
    {
        public string PolicyName { get; set; } = string.Empty;
        public string PolicyDocument { get; set; } = string.Empty;
        public string? Path { get; set; }
        public string? Description { get; set; }
        public List<Tag> Tags { get; set; } = new List<Tag>();

        internal override string Action => "CreatePolicy";

        internal override void WriteParameters(QueryParameterWriter writer)
        {
            writer.Add("PolicyName", PolicyName);
            writer.Add("PolicyDocument", PolicyDocument);
            writer.Add("Path", Path);
            writer.Add("Description", Description);
            if (Tags.Count > 0)
            {
                writer.AddTags("Tags", Tags);
            }
        }
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

    public sealed class ListInstanceProfilesForRoleRequest : PaginatedRequest
    {
        public string RoleName { get; set; } = string.Empty;

        internal override string Action => "ListInstanceProfilesForRole";

        internal override void WriteListParameters(QueryParameterWriter writer)
        {
            writer.Add("RoleName", RoleName);
        }
    }

    public sealed class ListInstanceProfilesForRoleResponse : PaginatedResponse<InstanceProfile>
    {
        public List<InstanceProfile> InstanceProfiles { get; set; } = new List<InstanceProfile>();

        protected override IEnumerable<InstanceProfile> PageItems => InstanceProfiles;

        internal static ListInstanceProfilesForRoleResponse Read(XElement? result) => new ListInstanceProfilesForRoleResponse
        {
            InstanceProfiles = result.Members("InstanceProfiles").Select(InstanceProfile.Read).ToList()
        }.WithPaging<ListInstanceProfilesForRoleResponse>(result);
    }

    public sealed class RemoveRoleFromInstanceProfileRequest : IdentityManagementServiceRequest
    {
        public string InstanceProfileName { get; set; } = string.Empty;
        public string RoleName { get; set; } = string.Empty;

        internal override string Action => "RemoveRoleFromInstanceProfile";

        internal override void WriteParameters(QueryParameterWriter writer)
        {
            writer.Add("InstanceProfileName", InstanceProfileName);
            writer.Add("RoleName", RoleName);
        }
    }

    public sealed class RemoveRoleFromInstanceProfileResponse : AmazonWebServiceResponse
    {
        internal static RemoveRoleFromInstanceProfileResponse Read(XElement? result) => new RemoveRoleFromInstanceProfileResponse();
    }

    public sealed class CreateInstanceProfileRequest : IdentityManagementServiceRequest
    {
        public string InstanceProfileName { get; set; } = string.Empty;
        public string? Path { get; set; }

        internal override string Action => "CreateInstanceProfile";

        internal override void WriteParameters(QueryParameterWriter writer)
        {
            writer.Add("InstanceProfileName", InstanceProfileName);
            writer.Add("Path", Path);
        }
    }

    public sealed class CreateInstanceProfileResponse : AmazonWebServiceResponse
    {
        public InstanceProfile InstanceProfile { get; set; } = new InstanceProfile();

        internal static CreateInstanceProfileResponse Read(XElement? result)
            => new CreateInstanceProfileResponse { InstanceProfile = result.Child("InstanceProfile") is { } profile ? InstanceProfile.Read(profile) : new InstanceProfile() };
    }

    public sealed class AddRoleToInstanceProfileRequest : IdentityManagementServiceRequest
    {
        public string InstanceProfileName { get; set; } = string.Empty;
        public string RoleName { get; set; } = string.Empty;

        internal override string Action => "AddRoleToInstanceProfile";

        internal override void WriteParameters(QueryParameterWriter writer)
        {
            writer.Add("InstanceProfileName", InstanceProfileName);
            writer.Add("RoleName", RoleName);
        }
    }

    public sealed class AddRoleToInstanceProfileResponse : AmazonWebServiceResponse
    {
        internal static AddRoleToInstanceProfileResponse Read(XElement? result) => new AddRoleToInstanceProfileResponse();
    }

    public sealed class PutRolePolicyRequest : IdentityManagementServiceRequest
    {
        public string RoleName { get; set; } = string.Empty;
        public string PolicyName { get; set; } = string.Empty;
        public string PolicyDocument { get; set; } = string.Empty;

        internal override string Action => "PutRolePolicy";

        internal override void WriteParameters(QueryParameterWriter writer)
        {
            writer.Add("RoleName", RoleName);
            writer.Add("PolicyName", PolicyName);
            writer.Add("PolicyDocument", PolicyDocument);
        }
    }

    public sealed class PutRolePolicyResponse : AmazonWebServiceResponse
    {
        internal static PutRolePolicyResponse Read(XElement? result) => new PutRolePolicyResponse();
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
