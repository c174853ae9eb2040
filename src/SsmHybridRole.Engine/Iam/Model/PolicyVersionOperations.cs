using System;
using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;
using Amazon.Runtime;
using SsmHybridRole.Engine.Iam.Internal;

#pragma warning disable SA1402 // each operation's request and response side by side, as the service model pairs them
namespace SsmHybridRole.Engine.Iam.Model
{
    /// <summary>One version of a customer managed policy; Document is IAM's URL-encoded text.</summary>
    public sealed class PolicyVersion
    {
        public string VersionId { get; set; } = string.Empty;
        public bool IsDefaultVersion { get; set; }
        public DateTime? CreateDate { get; set; }
        public string? Document { get; set; }

        internal static PolicyVersion Read(XElement? element) => new PolicyVersion
        {
            VersionId = element.Text("VersionId") ?? string.Empty,
            IsDefaultVersion = element.Bool("IsDefaultVersion"),
            CreateDate = element.Date("CreateDate"),
            Document = element.Text("Document"),
        };
    }

    public sealed class GetPolicyVersionRequest : IdentityManagementServiceRequest
    {
        public string PolicyArn { get; set; } = string.Empty;
        public string VersionId { get; set; } = string.Empty;

        internal override string Action => "GetPolicyVersion";

        internal override void WriteParameters(QueryParameterWriter writer)
        {
            writer.Add("PolicyArn", PolicyArn);
            writer.Add("VersionId", VersionId);
        }
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

        internal override void WriteListParameters(QueryParameterWriter writer)
        {
            writer.Add("PolicyArn", PolicyArn);
        }
    }

    public sealed class ListPolicyVersionsResponse : PaginatedResponse<PolicyVersion>
    {
        public List<PolicyVersion> Versions { get; set; } = new List<PolicyVersion>();

        protected override IEnumerable<PolicyVersion> PageItems => Versions;

        internal static ListPolicyVersionsResponse Read(XElement? result) => new ListPolicyVersionsResponse
        {
            Versions = result.Members("Versions").Select(v => PolicyVersion.Read(v)).ToList()
        }.WithPaging<ListPolicyVersionsResponse>(result);
    }

    public sealed class CreatePolicyVersionRequest : IdentityManagementServiceRequest
    {
        public string PolicyArn { get; set; } = string.Empty;
        public string PolicyDocument { get; set; } = string.Empty;
        public bool SetAsDefault { get; set; }

        internal override string Action => "CreatePolicyVersion";

        internal override void WriteParameters(QueryParameterWriter writer)
        {
            writer.Add("PolicyArn", PolicyArn);
            writer.Add("PolicyDocument", PolicyDocument);
            writer.Add("SetAsDefault", SetAsDefault ? "true" : "false");
        }
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

        internal override void WriteParameters(QueryParameterWriter writer)
        {
            writer.Add("PolicyArn", PolicyArn);
            writer.Add("VersionId", VersionId);
        }
    }

    public sealed class DeletePolicyVersionResponse : AmazonWebServiceResponse
    {
        internal static DeletePolicyVersionResponse Read(XElement? result) => new DeletePolicyVersionResponse();
    }
}
