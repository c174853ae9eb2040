using System.IO;
using System.Text;
using System.Text.Json;

namespace SsmHybridRole.Engine.Policies
{
    /// <summary>
    /// A trust policy read statement by statement, as IAM reads it: which statements let whom assume the role,
    /// under which conditions, and which one is the module's own (Allow, only ssm.amazonaws.com, no Sid of the
    /// user's). Each statement keeps its JSON text, so statements the module does not manage are written back
    /// verbatim.
    /// </summary>
    internal sealed class TrustDocument
    {
        private static readonly string[] PositiveOperators = { "StringEquals", "StringLike", "ArnEquals", "ArnLike" };

        private TrustDocument(string? version, IReadOnlyList<TrustStatement> statements)
        {
            Version = version;
            Statements = statements;
        }

        public string? Version { get; }

        public IReadOnlyList<TrustStatement> Statements { get; }

        /// <summary>Reads a document (plain or URL-encoded); throws <see cref="JsonException"/> when it is not JSON.</summary>
        public static TrustDocument Parse(string document)
        {
            using var parsed = JsonDocument.Parse(PolicyJson.Decode(document));
            var root = parsed.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("Statement", out var statements))
            {
                throw new JsonException("there is no Statement");
            }

            var version = root.TryGetProperty(nameof(Version), out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            return new TrustDocument(version, AsArray(statements).Select(TrustStatement.Read).ToList());
        }

        /// <summary>What the document lets SSM and others do.</summary>
        public TrustPolicyAnalysis Analyze()
        {
            var ssm = Statements.Where(s => s.IsAllow && s.Services.Any(IsSsm) && s.CoversAssumeRole).ToList();
            var deniedOutright = Statements.Any(s => !s.IsAllow && (s.Services.Any(IsSsm) || s.AnyPrincipal) && s.CoversAssumeRole && s.Conditions.Count == 0);
            var others = Statements.Where(s => s.IsAllow && s.CoversAnyAssume)
                .SelectMany(s => s.OtherPrincipals)
                .Distinct(StringComparer.Ordinal)
                .ToList();
            return new TrustPolicyAnalysis(
                true,
                null,
                ssm.Count > 0 && !deniedOutright,
                ssm.SelectMany(s => s.PositiveValues("aws:SourceAccount")).Distinct(StringComparer.Ordinal).ToList(),
                ssm.SelectMany(s => s.PositiveValues("aws:SourceArn")).Distinct(StringComparer.Ordinal).ToList(),
                ssm.Any(s => !s.PositiveValues("aws:SourceAccount").Any() && !s.PositiveValues("aws:SourceArn").Any()))
            {
                OtherPrincipals = others,
                UnmanagedStatements = Statements.Count(s => !s.IsManaged),
            };
        }

        /// <summary>
        /// This document with its managed statements replaced by <paramref name="managed"/>'s (in the place of the
        /// first), every other statement kept as it is.
        /// </summary>
        public string MergeManaged(TrustDocument managed)
        {
            var kept = new List<string>();
            var placed = false;
            foreach (var statement in Statements)
            {
                if (!statement.IsManaged)
                {
                    kept.Add(statement.Json);
                }
                else if (!placed)
                {
                    kept.AddRange(managed.Statements.Select(s => s.Json));
                    placed = true;
                }
            }

            if (!placed)
            {
                kept.InsertRange(0, managed.Statements.Select(s => s.Json));
            }

            return Write(managed.Version ?? Version ?? "2012-10-17", kept);
        }

        /// <summary>A one-line summary of the statements, for -WhatIf: the module's own, and each other one by principal.</summary>
        public string Describe()
        {
            var parts = Statements.Select(s => s.IsManaged ? Describe(s) : "statement " + (string.IsNullOrEmpty(s.Sid) ? string.Empty : $"'{s.Sid}' ") + s.Effect + " " + string.Join(", ", s.AllPrincipals)).ToList();
            return parts.Count == 0 ? "no statement" : string.Join("; ", parts);
        }

        internal static bool IsSsm(string service) => string.Equals(service, KnownNames.SsmServicePrincipal, StringComparison.OrdinalIgnoreCase);

        internal static IEnumerable<JsonElement> AsArray(JsonElement element)
            => element.ValueKind == JsonValueKind.Array ? element.EnumerateArray() : new[] { element };

        internal static IEnumerable<string> Strings(JsonElement element)
            => AsArray(element).Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!);

        internal static bool IsPositive(string op)
        {
            var name = op.IndexOf(':') >= 0 ? op.Substring(op.IndexOf(':') + 1) : op;
            name = name.EndsWith("IfExists", StringComparison.OrdinalIgnoreCase) ? name.Substring(0, name.Length - "IfExists".Length) : name;
            return PositiveOperators.Any(p => string.Equals(p, name, StringComparison.OrdinalIgnoreCase));
        }

        private static string Describe(TrustStatement statement)
        {
            var accounts = statement.PositiveValues("aws:SourceAccount").ToList();
            var arns = statement.PositiveValues("aws:SourceArn").ToList();
            return accounts.Count == 0 && arns.Count == 0
                ? KnownNames.SsmServicePrincipal + " without source conditions"
                : KnownNames.SsmServicePrincipal + " from account " + string.Join(",", accounts) + " for " + string.Join(",", arns);
        }

        private static string Write(string version, IEnumerable<string> statements)
        {
            using var buffer = new MemoryStream();
            using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
            {
                json.WriteStartObject();
                json.WriteString(nameof(Version), version);
                json.WriteStartArray("Statement");
                foreach (var statement in statements)
                {
                    using var parsed = JsonDocument.Parse(statement);
                    parsed.RootElement.WriteTo(json);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            return Encoding.UTF8.GetString(buffer.ToArray());
        }
    }
}
