using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace SsmHybridRole.Engine.Templates
{
    /// <summary>
    /// Writes a template model (dictionaries, lists and text) as CloudFormation JSON or YAML. The YAML uses the
    /// long form of intrinsic functions, so it needs no YAML tags, and double-quotes every scalar (a JSON string
    /// is a valid YAML scalar).
    /// </summary>
    internal static class CloudFormationWriter
    {
        private static readonly JsonSerializerOptions Readable = new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

        public static string ToJson(IDictionary<string, object> template)
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                WriteJson(writer, template);
            }

            return Encoding.UTF8.GetString(buffer.ToArray());
        }

        public static string ToYaml(IDictionary<string, object> template)
        {
            var text = new StringBuilder();
            WriteYaml(text, template, 0);
            return text.ToString();
        }

        private static void WriteJson(Utf8JsonWriter writer, object value)
        {
            switch (value)
            {
                case IDictionary<string, object> map:
                    writer.WriteStartObject();
                    foreach (var entry in map)
                    {
                        writer.WritePropertyName(entry.Key);
                        WriteJson(writer, entry.Value);
                    }

                    writer.WriteEndObject();
                    break;
                case IEnumerable<object> list:
                    writer.WriteStartArray();
                    foreach (var item in list)
                    {
                        WriteJson(writer, item);
                    }

                    writer.WriteEndArray();
                    break;
                default:
                    writer.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                    break;
            }
        }

        private static void WriteYaml(StringBuilder text, object value, int indent)
        {
            var pad = new string(' ', indent);
            switch (value)
            {
                case IDictionary<string, object> map:
                    foreach (var entry in map)
                    {
                        text.Append(pad).Append(Quote(entry.Key)).Append(':');
                        WriteYamlValue(text, entry.Value, indent);
                    }

                    break;
                case IEnumerable<object> list:
                    foreach (var item in list)
                    {
                        text.Append(pad).Append('-');
                        WriteYamlValue(text, item, indent);
                    }

                    break;
            }
        }

        /// <summary>A nested value goes on the lines below, indented; a scalar follows on the same line.</summary>
        private static void WriteYamlValue(StringBuilder text, object value, int indent)
        {
            if (value is IDictionary<string, object> or IEnumerable<object> && value is not string)
            {
                text.Append('\n');
                WriteYaml(text, value, indent + 2);
            }
            else
            {
                text.Append(' ').Append(Quote(Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty)).Append('\n');
            }
        }

        internal static string Quote(string text) => JsonSerializer.Serialize(text, Readable);
    }
}
