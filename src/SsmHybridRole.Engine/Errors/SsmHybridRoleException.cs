using System;

namespace SsmHybridRole.Engine.Errors
{
    /// <summary>What kind of failure an engine exception is; the cmdlets map each kind to one ErrorCategory.</summary>
    public enum FailureKind
    {
        InvalidArgument,
        NotFound,
        AlreadyExists,
        PermissionDenied,
        Authentication,
        Configuration,
        LimitExceeded,
        Connection,
        ServiceFailure,
        Conflict,
        Incomplete,
        Cancelled,
    }

    internal static class FailureKinds
    {
        /// <summary>
        /// A task that stopped part-way is Incomplete, unless it stopped for want of a permission or valid
        /// credentials: that reason is what the caller has to fix, so it decides the category.
        /// </summary>
        public static FailureKind IncompleteBecauseOf(Exception cause)
            => cause is SsmHybridRoleException { Kind: FailureKind.PermissionDenied or FailureKind.Authentication } engine ? engine.Kind : FailureKind.Incomplete;
    }

    /// <summary>
    /// Base of every failure the engine reports. <see cref="ErrorId"/> is stable (no punctuation) and becomes
    /// the ErrorRecord's id; <see cref="Target"/> is the role name, policy ARN or parameter value concerned.
    /// Messages never contain a secret.
    /// </summary>
    public class SsmHybridRoleException : Exception
    {
        public SsmHybridRoleException(string errorId, FailureKind kind, string message, object? target = null, string? recommendedAction = null, Exception? innerException = null)
            : base(message, innerException)
        {
            ErrorId = errorId;
            Kind = kind;
            Target = target;
            RecommendedAction = recommendedAction;
        }

        public string ErrorId { get; }

        public FailureKind Kind { get; }

        public object? Target { get; }

        public string? RecommendedAction { get; }
    }

    /// <summary>A parameter value broke one of IAM's input rules; raised before any request is sent.</summary>
    public sealed class InvalidParameterException : SsmHybridRoleException
    {
        public InvalidParameterException(string errorId, string parameterName, object? value, string rule)
            : base(errorId, FailureKind.InvalidArgument, Messages.InvalidParameter(parameterName, value, rule), value)
        {
            ParameterName = parameterName;
            Rule = rule;
        }

        public string ParameterName { get; }

        public string Rule { get; }
    }

    /// <summary>An IAM request failed; <see cref="IamErrorCode"/> is IAM's own code when the service answered.</summary>
    public sealed class IamOperationException : SsmHybridRoleException
    {
        public IamOperationException(string errorId, FailureKind kind, string message, object? target, string? iamErrorCode, string? recommendedAction, Exception? innerException)
            : base(errorId, kind, message, target, recommendedAction, innerException)
        {
            IamErrorCode = iamErrorCode;
        }

        public string? IamErrorCode { get; }
    }
}
