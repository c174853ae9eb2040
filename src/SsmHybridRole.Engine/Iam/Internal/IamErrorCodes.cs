using System.Net;
using Amazon.Runtime;
using SsmHybridRole.Engine.Iam.Model;

namespace SsmHybridRole.Engine.Iam.Internal
{
    /// <summary>IAM's error codes and the typed exception each becomes.</summary>
    internal static class IamErrorCodes
    {
        public const string NoSuchEntity = "NoSuchEntity";
        public const string EntityAlreadyExists = "EntityAlreadyExists";
        public const string MalformedPolicyDocument = "MalformedPolicyDocument";
        public const string LimitExceeded = "LimitExceeded";
        public const string DeleteConflict = "DeleteConflict";
        public const string InvalidInput = "InvalidInput";
        public const string UnmodifiableEntity = "UnmodifiableEntity";
        public const string PolicyNotAttachable = "PolicyNotAttachable";
        public const string ConcurrentModification = "ConcurrentModification";
        public const string ServiceFailure = "ServiceFailure";

        public static IdentityManagementServiceException ToException(string? code, string? message, string? requestId, ErrorType type, Exception? inner, HttpStatusCode status)
        {
            code ??= "Unknown";
            message ??= code;
            return code switch
            {
                NoSuchEntity => new NoSuchEntityException(message, inner, type, code, requestId, status),
                EntityAlreadyExists => new EntityAlreadyExistsException(message, inner, type, code, requestId, status),
                MalformedPolicyDocument => new MalformedPolicyDocumentException(message, inner, type, code, requestId, status),
                LimitExceeded => new LimitExceededException(message, inner, type, code, requestId, status),
                DeleteConflict => new DeleteConflictException(message, inner, type, code, requestId, status),
                InvalidInput => new InvalidInputException(message, inner, type, code, requestId, status),
                UnmodifiableEntity => new UnmodifiableEntityException(message, inner, type, code, requestId, status),
                PolicyNotAttachable => new PolicyNotAttachableException(message, inner, type, code, requestId, status),
                ConcurrentModification => new ConcurrentModificationException(message, inner, type, code, requestId, status),
                ServiceFailure => new ServiceFailureException(message, inner, type, code, requestId, status),
                _ => new IdentityManagementServiceException(message, inner, type, code, requestId, status),
            };
        }
    }
}
