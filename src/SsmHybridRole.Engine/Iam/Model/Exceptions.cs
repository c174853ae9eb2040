using System.Net;
using Amazon.Runtime;

namespace SsmHybridRole.Engine.Iam.Model
{
    /// <summary>An error IAM returned; <see cref="AmazonServiceException.ErrorCode"/> holds IAM's code.</summary>
    public class IdentityManagementServiceException : AmazonServiceException
    {
        public IdentityManagementServiceException(string message, Exception? innerException, ErrorType errorType, string errorCode, string? requestId, HttpStatusCode statusCode)
            : base(message, innerException, errorType, errorCode, requestId, statusCode)
        {
        }
    }

#pragma warning disable CA1032 // the typed IAM errors are only ever built from a response, so they need no standard constructors
    public sealed class NoSuchEntityException : IdentityManagementServiceException
    {
        public NoSuchEntityException(string message, Exception? inner, ErrorType type, string code, string? requestId, HttpStatusCode status)
            : base(message, inner, type, code, requestId, status) { }
    }

    public sealed class EntityAlreadyExistsException : IdentityManagementServiceException
    {
        public EntityAlreadyExistsException(string message, Exception? inner, ErrorType type, string code, string? requestId, HttpStatusCode status)
            : base(message, inner, type, code, requestId, status) { }
    }

    public sealed class MalformedPolicyDocumentException : IdentityManagementServiceException
    {
        public MalformedPolicyDocumentException(string message, Exception? inner, ErrorType type, string code, string? requestId, HttpStatusCode status)
            : base(message, inner, type, code, requestId, status) { }
    }

    public sealed class LimitExceededException : IdentityManagementServiceException
    {
        public LimitExceededException(string message, Exception? inner, ErrorType type, string code, string? requestId, HttpStatusCode status)
            : base(message, inner, type, code, requestId, status) { }
    }

    public sealed class DeleteConflictException : IdentityManagementServiceException
    {
        public DeleteConflictException(string message, Exception? inner, ErrorType type, string code, string? requestId, HttpStatusCode status)
            : base(message, inner, type, code, requestId, status) { }
    }

    public sealed class InvalidInputException : IdentityManagementServiceException
    {
        public InvalidInputException(string message, Exception? inner, ErrorType type, string code, string? requestId, HttpStatusCode status)
            : base(message, inner, type, code, requestId, status) { }
    }

    public sealed class UnmodifiableEntityException : IdentityManagementServiceException
    {
        public UnmodifiableEntityException(string message, Exception? inner, ErrorType type, string code, string? requestId, HttpStatusCode status)
            : base(message, inner, type, code, requestId, status) { }
    }

    public sealed class PolicyNotAttachableException : IdentityManagementServiceException
    {
        public PolicyNotAttachableException(string message, Exception? inner, ErrorType type, string code, string? requestId, HttpStatusCode status)
            : base(message, inner, type, code, requestId, status) { }
    }

    public sealed class ConcurrentModificationException : IdentityManagementServiceException
    {
        public ConcurrentModificationException(string message, Exception? inner, ErrorType type, string code, string? requestId, HttpStatusCode status)
            : base(message, inner, type, code, requestId, status) { }
    }

    public sealed class ServiceFailureException : IdentityManagementServiceException
    {
        public ServiceFailureException(string message, Exception? inner, ErrorType type, string code, string? requestId, HttpStatusCode status)
            : base(message, inner, type, code, requestId, status) { }
    }
#pragma warning restore CA1032
}
