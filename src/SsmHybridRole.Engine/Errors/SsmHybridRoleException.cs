using System.Text.RegularExpressions;

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

        /// <summary>The module will not do it without the caller insisting (it would reach what is not its own).</summary>
        Refused,
    }

    /// <summary>
    /// Base of every failure the engine reports. <see cref="ErrorId"/> is stable (see <see cref="ErrorIds"/>);
    /// <see cref="Target"/> is the role name, policy ARN or parameter value concerned. Messages never contain a
    /// secret, and never the syntax of one host: the cmdlets assembly words the advice that names commands.
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

        /// <summary>What to do about it, in words that name no command (the cmdlets add those, keyed by <see cref="ErrorId"/>).</summary>
        public string? RecommendedAction { get; }

        /// <summary>
        /// True when nothing after this failure can succeed in the same command (no credentials, a bad endpoint):
        /// the cmdlet stops instead of going on with the next pipeline input.
        /// </summary>
        public virtual bool IsTerminating => Kind is FailureKind.Configuration or FailureKind.Authentication;

        /// <summary>
        /// A task that stopped part-way is Incomplete, unless it stopped for want of a permission or valid
        /// credentials: that reason is what the caller has to fix, so it decides the kind.
        /// </summary>
        internal static FailureKind IncompleteBecauseOf(Exception cause)
            => cause is SsmHybridRoleException { Kind: FailureKind.PermissionDenied or FailureKind.Authentication } engine ? engine.Kind : FailureKind.Incomplete;
    }

    /// <summary>
    /// A parameter value broke an input rule; raised before any request is sent. <see cref="Rule"/> may name
    /// other parameters as {Name}: each host writes such a reference in its own syntax (<see cref="RenderRule"/>).
    /// </summary>
    public sealed class InvalidParameterException : SsmHybridRoleException
    {
        private static readonly Regex ParameterReference = new Regex(@"\{([A-Za-z]+)\}", RegexOptions.CultureInvariant);
        private readonly bool terminating;

        public InvalidParameterException(string errorId, string parameterName, object? value, string rule, bool terminating = false)
            : base(errorId, FailureKind.InvalidArgument, Messages.InvalidParameter(parameterName, value, RenderRule(rule, name => name)), value)
        {
            ParameterName = parameterName;
            Rule = rule;
            Value = value;
            this.terminating = terminating;
        }

        public string ParameterName { get; }

        /// <summary>The rule that was broken, with references to other parameters as {Name}.</summary>
        public string Rule { get; }

        public object? Value { get; }

        /// <summary>Connection parameters (endpoint, keys, Region) are wrong for every input, so they stop the command.</summary>
        public override bool IsTerminating => terminating;

        /// <summary>The rule with each {Name} reference written by <paramref name="parameter"/>.</summary>
        public static string RenderRule(string rule, Func<string, string> parameter)
            => ParameterReference.Replace(rule ?? string.Empty, m => parameter(m.Groups[1].Value));
    }

    /// <summary>A request to AWS failed; <see cref="ServiceErrorCode"/> is the service's own code when it answered.</summary>
    public sealed class ServiceCallException : SsmHybridRoleException
    {
        public ServiceCallException(string errorId, FailureKind kind, string message, object? target, string? serviceErrorCode, string? recommendedAction, Exception? innerException)
            : base(errorId, kind, message, target, recommendedAction, innerException)
        {
            ServiceErrorCode = serviceErrorCode;
        }

        public string? ServiceErrorCode { get; }
    }
}
