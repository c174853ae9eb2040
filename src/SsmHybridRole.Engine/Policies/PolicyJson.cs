using System.IO;
using System.Text;
using System.Text.Json;

namespace SsmHybridRole.Engine.Policies
{
    /// <summary>
    /// Policy documents as JSON: decoded from IAM's URL encoding, indented for display, and compared by
    /// meaning, not text (key order, white space, a single value versus a one-element array, and the order of
    /// values in a list do not matter to IAM, so they do not matter here).
    /// </summary>
    internal static class PolicyJson
    {
        /// <summary>True when both documents (plain or URL-encoded) mean the same to IAM.</summary>
        public static bool AreEquivalent(string? left, string? right)
        {
            if (left is null || right is null)
            {
                return left is null && right is null;
            }

            try
            {
                return string.Equals(Canonical(left), Canonical(right), StringComparison.Ordinal);
            }
            catch (JsonException)
            {
                return false;
            }
        }

        /// <summary>IAM returns policy documents URL-encoded (RFC 3986); this gives the JSON text.</summary>
        public static string Decode(string document)
        {
            if (document is null)
            {
                throw new ArgumentNullException(nameof(document));
            }

            return document.TrimStart().StartsWith("{", StringComparison.Ordinal) ? document : Uri.UnescapeDataString(document);
        }

        /// <summary>The JSON re-indented for display; text that is not JSON is returned as it is.</summary>
        public static string Format(string json)
        {
            try
            {
                using var document = JsonDocument.Parse(json);
                using var buffer = new MemoryStream();
                using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
                {
                    document.WriteTo(writer);
                }

                return Encoding.UTF8.GetString(buffer.ToArray());
            }
            catch (JsonException)
            {
                return json;
            }
        }

        /// <summary>
        /// What changes from one policy document to another, in words for a prompt: the Action and Resource values
        /// that are added and removed across all statements (or, when those are the same, that other parts differ).
        /// </summary>
        public static string Difference(string? from, string to)
        {
            var before = Values(from);
            var after = Values(to);
            var added = after.Except(before, StringComparer.Ordinal).ToList();
            var removed = before.Except(after, StringComparer.Ordinal).ToList();
            return added.Count + removed.Count == 0
                ? "the same actions and resources, other parts of the document differ"
                : string.Join("; ", added.Select(v => "+ " + v).Concat(removed.Select(v => "- " + v)));
        }

        /// <summary>A compact, normalised form of a policy document.</summary>
        public static string Canonical(string document)
        {
            using var parsed = JsonDocument.Parse(Decode(document));
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                Write(writer, parsed.RootElement);
            }

            return Encoding.UTF8.GetString(buffer.ToArray());
        }

        private static void Write(Utf8JsonWriter writer, JsonElement element)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    writer.WriteStartObject();
                    foreach (var property in element.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                    {
                        writer.WritePropertyName(property.Name);
                        Write(writer, property.Value);
                    }

                    writer.WriteEndObject();
                    break;
                case JsonValueKind.Array:
                    var items = element.EnumerateArray().ToList();
                    if (items.Count == 1)
                    {
                        Write(writer, items[0]);
                        break;
                    }

                    writer.WriteStartArray();
                    foreach (var item in items.Select(Canonical).OrderBy(t => t, StringComparer.Ordinal))
                    {
                        writer.WriteRawValue(item);
                    }

                    writer.WriteEndArray();
                    break;
                default:
                    element.WriteTo(writer);
                    break;
            }
        }

        /// <summary>Every Action and Resource value of a document's statements.</summary>
        private static HashSet<string> Values(string? document)
        {
            var values = new HashSet<string>(StringComparer.Ordinal);
            if (document is null)
            {
                return values;
            }

            using var parsed = JsonDocument.Parse(Decode(document));
            if (parsed.RootElement.ValueKind == JsonValueKind.Object && parsed.RootElement.TryGetProperty("Statement", out var statements))
            {
                foreach (var statement in TrustDocument.AsArray(statements).Where(s => s.ValueKind == JsonValueKind.Object))
                {
                    foreach (var key in new[] { "Action", "Resource" })
                    {
                        if (statement.TryGetProperty(key, out var value))
                        {
                            values.UnionWith(TrustDocument.Strings(value));
                        }
                    }
                }
            }

            return values;
        }

        private static string Canonical(JsonElement element)
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                Write(writer, element);
            }

            return Encoding.UTF8.GetString(buffer.ToArray());
        }
    }
}
