
namespace SsmHybridRole
{
    /// <summary>
    /// A parameter value broke an input rule, found before any request was sent: the exception of such an
    /// ErrorRecord. It names the parameter and the rule in PowerShell's terms; the engine's own failure is the
    /// inner exception.
    /// </summary>
    public sealed class InvalidParameterValueException : ArgumentException
    {
        public InvalidParameterValueException()
        {
        }

        public InvalidParameterValueException(string message)
            : base(message)
        {
        }

        public InvalidParameterValueException(string message, Exception innerException)
            : base(message, innerException)
        {
        }

        internal InvalidParameterValueException(string message, string parameterName, string rule, object? value, Exception innerException)
            : base(message, innerException)
        {
            ParameterName = parameterName;
            Rule = rule;
            Value = value;
        }

        /// <summary>The parameter whose value was refused, without the leading dash.</summary>
        public string ParameterName { get; } = string.Empty;

        /// <summary>The rule the value broke.</summary>
        public string Rule { get; } = string.Empty;

        /// <summary>The value that was refused (never a secret: keys are not checked this way).</summary>
        public object? Value { get; }
    }
}
