using System.Collections;
using System.Globalization;

namespace SsmHybridRole.Infrastructure
{
    /// <summary>
    /// How a role's parameters read text, the same typed on the command line and from a CSV cell (Import-Csv gives
    /// every column as text, and an empty cell as ''): an empty value of a parameter that cannot be empty is not
    /// given at all; several values in one cell are separated by ';' (IAM names may hold ',', never ';'); a number
    /// or a switch may come as text. A value that cannot be read is refused for that pipeline input only, naming
    /// the parameter and the rule: PowerShell would otherwise skip a property it cannot convert without a word.
    /// </summary>
    internal static class PipelineText
    {
        public const char Separator = ';';

        /// <summary>The raw value, unwrapped from PowerShell's PSObject.</summary>
        public static object? Unwrap(object? value) => value is PSObject wrapped && wrapped.BaseObject is not PSCustomObject ? wrapped.BaseObject : value;

        /// <summary>Each text split at ';', trimmed, without empty parts; anything else as it is. Null when nothing is left.</summary>
        public static object[]? Split(object? value)
        {
            var items = new List<object>();
            foreach (var item in Unwrap(value) is IList list ? list.Cast<object?>() : new[] { value })
            {
                switch (Unwrap(item))
                {
                    case null:
                        break;
                    case string text:
                        items.AddRange(text.Split(Separator).Select(part => part.Trim()).Where(part => part.Length > 0));
                        break;
                    case var other:
                        items.Add(other);
                        break;
                }
            }

            return items.Count == 0 ? null : items.All(i => i is string) ? items.Cast<string>().ToArray() : items.ToArray();
        }

        /// <summary>The refusal of a value that cannot be read: PowerShell reports it for this input, with the parameter's name.</summary>
        public static ArgumentTransformationMetadataException Refused(string parameterName, object value, string rule)
            => new ArgumentTransformationMetadataException(string.Format(CultureInfo.InvariantCulture, "-{0} {1} is not valid: {2}.", parameterName, Messages.Quote(value), rule));
    }

    /// <summary>A list parameter: text may hold several values separated by ';'; an empty value is not given.</summary>
    [AttributeUsage(AttributeTargets.Property)]
    internal sealed class TextListAttribute : ArgumentTransformationAttribute
    {
        public override object? Transform(EngineIntrinsics engineIntrinsics, object inputData) => PipelineText.Split(inputData);
    }

    /// <summary>A text parameter that cannot be empty: '' (an empty cell) or only spaces is not given.</summary>
    [AttributeUsage(AttributeTargets.Property)]
    internal sealed class OptionalTextAttribute : ArgumentTransformationAttribute
    {
        public override object? Transform(EngineIntrinsics engineIntrinsics, object inputData)
            => PipelineText.Unwrap(inputData) is string text && text.Trim().Length == 0 ? null : inputData;
    }

    /// <summary>A whole number that may come as text ("3600"); an empty value is not given.</summary>
    [AttributeUsage(AttributeTargets.Property)]
    internal sealed class WholeNumberAttribute : ArgumentTransformationAttribute
    {
        public WholeNumberAttribute(string parameterName, string rule)
        {
            ParameterName = parameterName;
            Rule = rule;
        }

        public string ParameterName { get; }

        public string Rule { get; }

        public override object? Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            if (PipelineText.Unwrap(inputData) is not string text)
            {
                return inputData;
            }

            if (text.Trim().Length == 0)
            {
                return null;
            }

            return int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
                ? number
                : throw PipelineText.Refused(ParameterName, text, "a whole number of seconds; " + Rule);
        }
    }

    /// <summary>A switch that may come as text: True or False (as Export-Csv writes them), 1 or 0; an empty value is off.</summary>
    [AttributeUsage(AttributeTargets.Property)]
    internal sealed class SwitchTextAttribute : ArgumentTransformationAttribute
    {
        public SwitchTextAttribute(string parameterName) => ParameterName = parameterName;

        public string ParameterName { get; }

        public override object? Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            if (PipelineText.Unwrap(inputData) is not string text)
            {
                return inputData;
            }

            switch (text.Trim().ToUpperInvariant())
            {
                case "":
                case "FALSE":
                case "0":
                    return new SwitchParameter(false);
                case "TRUE":
                case "1":
                    return new SwitchParameter(true);
                default:
                    throw PipelineText.Refused(ParameterName, text, "a switch is True or False (or 1 or 0)");
            }
        }
    }

    /// <summary>
    /// A role name from the pipeline: text, or the RoleName property of an object. An object without one (an S3
    /// bucket policy, an activation, a CSV without a RoleName column) is refused for that input, rather than its
    /// text becoming a role's name or its other properties going to the default role.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property)]
    internal sealed class RoleNameInputAttribute : ArgumentTransformationAttribute
    {
        public override object? Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            switch (PipelineText.Unwrap(inputData))
            {
                case null:
                case string _:
                case ValueType _:
                    return inputData;
                case var other when PSObject.AsPSObject(other).Properties["RoleName"] is { } property:
                    return property.Value;
                case var other:
                    throw new ArgumentTransformationMetadataException($"-RoleName is not valid: a role name is text, or the RoleName property of a piped object, and a {other.GetType().Name} has none.");
            }
        }
    }
}
