using System.Xml.Linq;
using Amazon.Runtime;
using SsmHybridRole.Engine.Iam.Internal;

// The instance-profile operations a role's removal needs: which profiles hold it, and taking it out.
namespace SsmHybridRole.Engine.Iam.Model
{
    public sealed class ListInstanceProfilesForRoleRequest : PaginatedRequest
    {
        public string RoleName { get; set; } = string.Empty;

        internal override string Action => "ListInstanceProfilesForRole";

        internal override void WriteListParameters(QueryParameterWriter writer) => writer.Add("RoleName", RoleName);
    }

    public sealed class ListInstanceProfilesForRoleResponse : PaginatedResponse<InstanceProfile>
    {
        public List<InstanceProfile> InstanceProfiles { get; set; } = new List<InstanceProfile>();

        protected override IEnumerable<InstanceProfile> PageItems => InstanceProfiles;

        internal static ListInstanceProfilesForRoleResponse Read(XElement? result)
            => new ListInstanceProfilesForRoleResponse { InstanceProfiles = result.Members("InstanceProfiles").Select(InstanceProfile.Read).ToList() }
                .WithPaging<ListInstanceProfilesForRoleResponse>(result);
    }

    public sealed class RemoveRoleFromInstanceProfileRequest : IdentityManagementServiceRequest
    {
        public string InstanceProfileName { get; set; } = string.Empty;
        public string RoleName { get; set; } = string.Empty;

        internal override string Action => "RemoveRoleFromInstanceProfile";

        internal override void WriteParameters(QueryParameterWriter writer) => writer.Add("InstanceProfileName", InstanceProfileName).Add("RoleName", RoleName);
    }

    public sealed class RemoveRoleFromInstanceProfileResponse : AmazonWebServiceResponse
    {
    }
}
