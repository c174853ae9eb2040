using System.Collections.Generic;
using System.Globalization;

namespace SsmHybridRole.Engine.Iam.Internal
{
    /// <summary>Writes request members in the AWS Query protocol's flattened form (Tags.member.1.Key).</summary>
    internal sealed class QueryParameterWriter
    {
        private readonly IDictionary<string, string> parameters;

        public QueryParameterWriter(IDictionary<string, string> parameters) => this.parameters = parameters;

        public void Add(string name, string? value)
        {
            if (value != null)
            {
                parameters[name] = value;
            }
        }

        public void Add(string name, int? value)
        {
            if (value.HasValue)
            {
                parameters[name] = value.Value.ToString(CultureInfo.InvariantCulture);
            }
        }

        public void AddList(string name, IList<string>? values)
        {
            if (values == null)
            {
                return;
            }

            for (var i = 0; i < values.Count; i++)
            {
                parameters[name + ".member." + (i + 1).ToString(CultureInfo.InvariantCulture)] = values[i];
            }
        }

        public void AddTags(string name, IList<Model.Tag>? tags)
        {
            if (tags == null)
            {
                return;
            }

            for (var i = 0; i < tags.Count; i++)
            {
                var prefix = name + ".member." + (i + 1).ToString(CultureInfo.InvariantCulture) + ".";
                parameters[prefix + "Key"] = tags[i].Key;
                parameters[prefix + "Value"] = tags[i].Value ?? string.Empty;
            }
        }
    }
}
