using System.IO;
using System.Net.Http;
using Amazon.Runtime;
using SsmHybridRole.Engine.Iam.Model;

namespace SsmHybridRole.Engine.Gateway
{
    /// <summary>
    /// Turns what an AWS client threw into the engine's typed failures, knowing which operation ran on what.
    /// Only the gateway calls it; cancellation and the engine's own failures pass through untouched.
    /// </summary>
    internal static class ServiceErrorTranslator
    {
        public static Exception Translate(Exception exception, string action, CallTarget target)
        {
            var roleName = target.RoleName;
            var policyArn = target.PolicyArn;
            var about = target.ErrorTarget;
            switch (exception)
            {
                case SsmHybridRoleException or OperationCanceledException:
                    return exception;
                case NoSuchEntityException e when policyArn != null && MentionsPolicy(e.Message):
                    return Failure(ErrorIds.PolicyNotFound, FailureKind.NotFound, Messages.PolicyNotFound(policyArn), policyArn, Messages.PolicyNotFoundAction, e);
                case NoSuchEntityException e:
                    return Failure(ErrorIds.RoleNotFound, FailureKind.NotFound, Messages.RoleNotFound(roleName), roleName, null, e);
                case PolicyNotAttachableException e:
                    return Failure(ErrorIds.PolicyNotAttachable, FailureKind.InvalidArgument, Messages.PolicyNotFound(policyArn) + " " + Messages.Said(e.Message), policyArn, Messages.PolicyNotFoundAction, e);
                case EntityAlreadyExistsException e:
                    return Failure(ErrorIds.RoleAlreadyExists, FailureKind.AlreadyExists, Messages.RoleAlreadyExists(roleName), roleName, null, e);
                case LimitExceededException e:
                    return Failure(ErrorIds.LimitExceeded, FailureKind.LimitExceeded, Messages.LimitExceeded(action, e.Message), about, Messages.LimitExceededAction, e);
                case MalformedPolicyDocumentException e:
                    return Failure(ErrorIds.MalformedPolicyDocument, FailureKind.InvalidArgument, Messages.RequestFailed(action, e.ErrorCode, e.Message), about, null, e);
                case UnmodifiableEntityException e:
                    return Failure(ErrorIds.RoleNotModifiable, FailureKind.PermissionDenied, Messages.RequestFailed(action, e.ErrorCode, e.Message), about, Messages.ServiceLinkedAction, e);
                case DeleteConflictException e:
                    return Failure(ErrorIds.DeleteConflict, FailureKind.Conflict, Messages.RequestFailed(action, e.ErrorCode, e.Message), about, null, e);
                case AmazonServiceException e when IsAccessDenied(e.ErrorCode):
                    return Failure(ErrorIds.AccessDenied, FailureKind.PermissionDenied, Messages.AccessDenied(action, e.Message), about, Messages.AccessDeniedAction(action), e);
                case AmazonServiceException e when IsBadCredentials(e.ErrorCode):
                    return Failure(ErrorIds.InvalidCredentials, FailureKind.Authentication, Messages.InvalidCredentials(action, e.Message), about, Messages.InvalidCredentialsAction, e);
                case AmazonServiceException e:
                    return Failure(GenericFailureId(action), FailureKind.ServiceFailure, Messages.RequestFailed(action, e.ErrorCode, e.Message), about, null, e);
                case AmazonClientException or HttpRequestException or IOException or TimeoutException:
                    return Failure(ErrorIds.EndpointUnreachable, FailureKind.Connection, Messages.EndpointUnreachable(action, Innermost(exception).Message), about, null, exception);
                default:
                    return exception;
            }
        }

        private static ServiceCallException Failure(string errorId, FailureKind kind, string message, object? target, string? action, Exception cause)
            => new ServiceCallException(errorId, kind, message, target, (cause as AmazonServiceException)?.ErrorCode, action, cause);

        private static string GenericFailureId(string action)
            => action.StartsWith("ssm:", StringComparison.Ordinal) ? ErrorIds.SsmRequestFailed
                : action.StartsWith("sts:", StringComparison.Ordinal) ? ErrorIds.StsRequestFailed
                : ErrorIds.IamRequestFailed;

        private static bool MentionsPolicy(string message) => message.IndexOf("polic", StringComparison.OrdinalIgnoreCase) >= 0
                                                              && message.IndexOf("role with name", StringComparison.OrdinalIgnoreCase) < 0;

        private static bool IsAccessDenied(string? code) => code is "AccessDenied" or "AccessDeniedException" or "UnauthorizedOperation";

        private static bool IsBadCredentials(string? code) => code is "InvalidClientTokenId" or "SignatureDoesNotMatch" or "ExpiredToken" or "InvalidAccessKeyId" or "IncompleteSignature";

        private static Exception Innermost(Exception e)
        {
            while (e.InnerException != null)
            {
                e = e.InnerException;
            }

            return e;
        }
    }
}
