using System;
using System.Management.Automation;
using SsmHybridRole.Engine.Errors;

namespace SsmHybridRole.Infrastructure
{
    /// <summary>The one mapping from engine failures to ErrorRecords: stable id, category, target, advice.</summary>
    internal static class ErrorRecords
    {
        public static ErrorRecord From(SsmHybridRoleException exception, object? target = null)
        {
            var record = new ErrorRecord(exception, exception.ErrorId, CategoryOf(exception.Kind), target ?? exception.Target);
            if (exception.RecommendedAction != null)
            {
                record.ErrorDetails = new ErrorDetails(exception.Message) { RecommendedAction = exception.RecommendedAction };
            }

            return record;
        }

        public static ErrorRecord InvalidArgument(string errorId, string message, object? target)
            => new ErrorRecord(new ArgumentException(message), errorId, ErrorCategory.InvalidArgument, target);

        public static ErrorCategory CategoryOf(FailureKind kind) => kind switch
        {
            FailureKind.InvalidArgument => ErrorCategory.InvalidArgument,
            FailureKind.NotFound => ErrorCategory.ObjectNotFound,
            FailureKind.AlreadyExists => ErrorCategory.ResourceExists,
            FailureKind.PermissionDenied => ErrorCategory.PermissionDenied,
            FailureKind.Authentication => ErrorCategory.AuthenticationError,
            FailureKind.Configuration => ErrorCategory.InvalidOperation,
            FailureKind.LimitExceeded => ErrorCategory.LimitsExceeded,
            FailureKind.Connection => ErrorCategory.ConnectionError,
            FailureKind.ServiceFailure => ErrorCategory.ResourceUnavailable,
            FailureKind.Conflict => ErrorCategory.ResourceBusy,
            FailureKind.Incomplete => ErrorCategory.OperationStopped,
            FailureKind.Cancelled => ErrorCategory.OperationStopped,
            _ => ErrorCategory.NotSpecified,
        };

        /// <summary>Failures after which nothing else in the pipeline can succeed.</summary>
        public static bool IsTerminating(SsmHybridRoleException exception)
            => exception.Kind is FailureKind.Configuration or FailureKind.Authentication
               || (exception.ErrorId is "NoCredentials" or "InvalidEndpointUrl" or "InvalidRegion" or "MissingSecretKey" or "MissingAccessKey");
    }
}
