using System.Xml.Linq;
using Amazon.Runtime;
using SsmHybridRole.Engine.Iam.Internal;

#pragma warning disable SA1402 // each operation's request and response side by side, as the service model pairs them
namespace SsmHybridRole.Engine.Iam.Model
{
    // Users are not this module's business; these three operations let the tests set up callers with exactly
    // the permissions the README lists, against an endpoint that enforces them.
    public sealed class CreateUserRequest : IdentityManagementServiceRequest
    {
        public string UserName { get; set; } = string.Empty;

        internal override string Action => "CreateUser";

        internal override void WriteParameters(QueryParameterWriter writer) => writer.Add("UserName", UserName);
    }

    public sealed class CreateUserResponse : AmazonWebServiceResponse
    {
        public string UserArn { get; set; } = string.Empty;

        internal static CreateUserResponse Read(XElement? result) => new CreateUserResponse { UserArn = result.Child("User").Text("Arn") ?? string.Empty };
    }

    public sealed class PutUserPolicyRequest : IdentityManagementServiceRequest
    {
        public string UserName { get; set; } = string.Empty;
        public string PolicyName { get; set; } = string.Empty;
        public string PolicyDocument { get; set; } = string.Empty;

        internal override string Action => "PutUserPolicy";

        internal override void WriteParameters(QueryParameterWriter writer)
        {
            writer.Add("UserName", UserName);
            writer.Add("PolicyName", PolicyName);
            writer.Add("PolicyDocument", PolicyDocument);
        }
    }

    public sealed class PutUserPolicyResponse : AmazonWebServiceResponse
    {
        internal static PutUserPolicyResponse Read(XElement? result) => new PutUserPolicyResponse();
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
}
