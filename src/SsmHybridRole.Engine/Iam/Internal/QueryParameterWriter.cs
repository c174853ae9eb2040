using System.Globalization;

namespace SsmHybridRole.Engine.Iam.Internal
{
    /// <summary>Writes request members in the AWS Query protocol's flattened form (Tags.member.1.Key).</summary>
    internal sealed class QueryParameterWriter
    {
        private readonly IDictionary<string, string> parameters;

        public QueryParameterWriter(IDictionary<string, string> parameters) => this.parameters = parameters;

        public QueryParameterWriter Add(string name, string? value)
        {
            if (value != null)
            {
                parameters[name] = value;
            }

            return this;
        }

        public QueryParameterWriter Add(string name, int? value)
            => Add(name, value?.ToString(CultureInfo.InvariantCulture));

        public QueryParameterWriter Add(string name, bool value) => Add(name, value ? "true" : "false");

        public QueryParameterWriter AddTags(string name, IList<Model.Tag>? tags)
        {
            if (tags == null)
            {
                return this;
            }

            for (var i = 0; i < tags.Count; i++)
            {
                var prefix = name + ".member." + (i + 1).ToString(CultureInfo.InvariantCulture) + ".";
                parameters[prefix + "Key"] = tags[i].Key;
                parameters[prefix + "Value"] = tags[i].Value ?? string.Empty;
            }

            return this;
        }
    }
}
