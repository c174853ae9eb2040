namespace SsmHybridRole.Infrastructure
{
    /// <summary>The one mapping from engine failures to ErrorRecords: stable id, category, target, advice.</summary>
    internal static class ErrorRecords
    {
        /// <summary>The record for <paramref name="exception"/> met by the cmdlet named <paramref name="command"/> (its advice fits that cmdlet).</summary>
        public static ErrorRecord From(SsmHybridRoleException exception, string? command, object? target = null)
        {
            var record = new ErrorRecord(ForPowerShell(exception), exception.ErrorId, CategoryOf(exception.Kind), target ?? exception.Target);
            var message = CommandText.Parameters(record.Exception.Message);
            var advice = Advice.For(exception, command);
            if (advice != null || message != record.Exception.Message)
            {
                record.ErrorDetails = new ErrorDetails(message) { RecommendedAction = advice };
            }

            return record;
        }

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
            FailureKind.Refused => ErrorCategory.InvalidOperation,
            _ => ErrorCategory.NotSpecified,
        };

        /// <summary>A refused parameter value is told in PowerShell's terms (-Name); every other failure as the engine tells it.</summary>
        private static Exception ForPowerShell(SsmHybridRoleException exception)
        {
            if (exception is not InvalidParameterException invalid)
            {
                return exception;
            }

            var rule = CommandText.Parameters(invalid.Rule);
            var message = Messages.InvalidParameter("-" + invalid.ParameterName, invalid.Value, rule);
            return new InvalidParameterValueException(message, invalid.ParameterName, rule, invalid.Value, invalid);
        }
    }
}
