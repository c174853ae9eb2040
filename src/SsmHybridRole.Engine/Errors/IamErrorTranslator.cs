using System;
using System.IO;
using System.Net.Http;
using Amazon.Runtime;
using SsmHybridRole.Engine.Iam.Model;

namespace SsmHybridRole.Engine.Errors
{
    /// <summary>
    /// Turns what the IAM client threw into the engine's typed failures, in one place, knowing which
    /// operation ran on which role and policy. Cancellation passes through untouched.
    /// </summary>
    internal static class IamErrorTranslator
    {
        public static Exception Translate(Exception exception, string action, string? roleName, string? policyArn = null)
        {
            var target = (object?)policyArn ?? roleName;
            switch (exception)
            {
                case SsmHybridRoleException or OperationCanceledException:
                    return exception;
                case NoSuchEntityException e when policyArn != null && MentionsPolicy(e.Message):
                    return new IamOperationException("PolicyNotFound", FailureKind.NotFound, Messages.PolicyNotFound(policyArn), policyArn, e.ErrorCode, Messages.PolicyNotFoundAction, e);
                case NoSuchEntityException e:
                    return new IamOperationException("RoleNotFound", FailureKind.NotFound, Messages.RoleNotFound(roleName ?? "?"), roleName, e.ErrorCode, Messages.RoleNotFoundAction, e);
                case PolicyNotAttachableException e:
                    return new IamOperationException("PolicyNotAttachable", FailureKind.InvalidArgument, Messages.PolicyNotFound(policyArn ?? "?") + " " + e.Message, policyArn, e.ErrorCode, Messages.PolicyNotFoundAction, e);
                case EntityAlreadyExistsException e:
                    return new IamOperationException("RoleAlreadyExists", FailureKind.AlreadyExists, Messages.RoleAlreadyExists(roleName ?? "?"), roleName, e.ErrorCode, Messages.RoleAlreadyExistsAction(roleName ?? "NAME"), e);
                case LimitExceededException e:
                    return new IamOperationException("LimitExceeded", FailureKind.LimitExceeded, Messages.LimitExceeded(action, e.Message), target, e.ErrorCode, Messages.LimitExceededAction, e);
                case MalformedPolicyDocumentException e:
                    return new IamOperationException("MalformedPolicyDocument", FailureKind.InvalidArgument, Messages.IamFailed(action, e.ErrorCode, e.Message), target, e.ErrorCode, null, e);
                case UnmodifiableEntityException e:
                    return new IamOperationException("RoleNotModifiable", FailureKind.PermissionDenied, Messages.IamFailed(action, e.ErrorCode, e.Message), target, e.ErrorCode, "Service-linked roles are managed by their AWS service and cannot be changed here.", e);
                case DeleteConflictException e:
                    return new IamOperationException("DeleteConflict", FailureKind.Conflict, Messages.IamFailed(action, e.ErrorCode, e.Message), target, e.ErrorCode, null, e);
                case AmazonServiceException e when IsAccessDenied(e.ErrorCode):
                    return new IamOperationException("AccessDenied", FailureKind.PermissionDenied, Messages.AccessDenied(action, e.Message), target, e.ErrorCode, Messages.AccessDeniedAction(action), e);
                case AmazonServiceException e when IsBadCredentials(e.ErrorCode):
                    return new IamOperationException("InvalidCredentials", FailureKind.Authentication, Messages.InvalidCredentials(action, e.Message), target, e.ErrorCode, Messages.InvalidCredentialsAction, e);
                case AmazonServiceException e when action.StartsWith("ssm:", StringComparison.Ordinal):
                    return new IamOperationException("SsmRequestFailed", FailureKind.ServiceFailure, Messages.IamFailed(action, e.ErrorCode, e.Message), target, e.ErrorCode, null, e);
                case AmazonServiceException e:
                    return new IamOperationException("IamRequestFailed", FailureKind.ServiceFailure, Messages.IamFailed(action, e.ErrorCode, e.Message), target, e.ErrorCode, null, e);
                case AmazonClientException or HttpRequestException or IOException:
                    return new IamOperationException("EndpointUnreachable", FailureKind.Connection, Messages.EndpointUnreachable(action, Innermost(exception).Message), target, null, Messages.EndpointUnreachableAction, exception);
                default:
                    return exception;
            }
        }

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
