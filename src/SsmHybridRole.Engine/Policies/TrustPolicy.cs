using System.IO;
using System.Text;
using System.Text.Json;

namespace SsmHybridRole.Engine.Policies
{
    /// <summary>
    /// The role's trust policy: built as AWS documents it today (ssm.amazonaws.com may sts:AssumeRole, limited
    /// by aws:SourceAccount and aws:SourceArn against the confused-deputy problem), and read back from
    /// IAM in either that form or the seed's older one (no Condition, a single Statement object).
    /// </summary>
    internal static class TrustPolicy
    {
        public const string SsmServicePrincipal = KnownNames.SsmServicePrincipal;
        public const string AssumeRoleAction = KnownNames.AssumeRoleAction;

        /// <summary>The default size quota of a trust policy (AssumeRolePolicySizeQuota), white space not counted.</summary>
        public const int DefaultSizeQuota = 2048;

        /// <summary>Builds the trust policy document, indented, with keys in AWS's documented order.</summary>
        public static string Build(AwsPartition partition, string? accountId, IReadOnlyList<string> activationRegions, bool noSourceCondition)
        {
            if (partition is null)
            {
                throw new ArgumentNullException(nameof(partition));
            }

            if (!noSourceCondition && (accountId is null || activationRegions is null || activationRegions.Count == 0))
            {
                throw new ArgumentException("An account id and at least one activation Region are needed for the source conditions.");
            }

            using var buffer = new MemoryStream();
            using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
            {
                json.WriteStartObject();
                json.WriteString("Version", "2012-10-17");
                json.WriteStartArray("Statement");
                json.WriteStartObject();
                json.WriteString("Effect", "Allow");
                json.WriteStartObject("Principal");
                json.WriteString("Service", SsmServicePrincipal);
                json.WriteEndObject();
                json.WriteString("Action", AssumeRoleAction);
                if (!noSourceCondition)
                {
                    var arns = activationRegions!.Distinct(StringComparer.Ordinal).Select(r => Arn.SsmResources(partition.Name, r, accountId!)).ToList();
                    json.WriteStartObject("Condition");
                    json.WriteStartObject("StringEquals");
                    json.WriteString("aws:SourceAccount", accountId);
                    json.WriteEndObject();
                    json.WriteStartObject("ArnEquals");
                    if (arns.Count == 1)
                    {
                        json.WriteString("aws:SourceArn", arns[0]);
                    }
                    else
                    {
                        json.WriteStartArray("aws:SourceArn");
                        arns.ForEach(json.WriteStringValue);
                        json.WriteEndArray();
                    }

                    json.WriteEndObject();
                    json.WriteEndObject();
                }

                json.WriteEndObject();
                json.WriteEndArray();
                json.WriteEndObject();
            }

            return Encoding.UTF8.GetString(buffer.ToArray());
        }

        /// <summary>Reads what a trust policy allows SSM to do; accepts encoded or plain JSON.</summary>
        public static TrustPolicyAnalysis Analyze(string? document)
        {
            if (string.IsNullOrWhiteSpace(document))
            {
                return TrustPolicyAnalysis.Unreadable("the document is empty");
            }

            try
            {
                using var parsed = JsonDocument.Parse(PolicyJson.Decode(document!));
                return AnalyzeRoot(parsed.RootElement);
            }
            catch (JsonException e)
            {
                return TrustPolicyAnalysis.Unreadable(e.Message);
            }
        }

        /// <summary>
        /// Checks a trust policy a user supplies: well-formed JSON of IAM's characters and size that lets
        /// ssm.amazonaws.com assume the role, with no ARN of another partition.
        /// </summary>
        public static void Validate(string? document, AwsPartition partition, int sizeQuota, string parameterName)
        {
            InputRules.PolicyDocumentText(document, sizeQuota, parameterName);
            var analysis = Analyze(document);
            if (!analysis.IsReadable)
            {
                throw new InvalidParameterException(ErrorIds.MalformedPolicyDocument, parameterName, null, "the trust policy is not well-formed JSON: " + analysis.Problem);
            }

            if (!analysis.AllowsSsmAssumeRole)
            {
                throw new InvalidParameterException(
                    ErrorIds.TrustPolicyDoesNotAllowSsm,
                    parameterName,
                    null,
                    "a hybrid service role's trust policy needs a statement with Effect Allow, Principal Service 'ssm.amazonaws.com' and Action 'sts:AssumeRole'");
            }

            var foreign = analysis.SourceArns.FirstOrDefault(arn => Arn.Parse(arn)?.Partition != partition.Name);
            if (foreign != null)
            {
                throw new InvalidParameterException(
                    ErrorIds.TrustPolicyPartitionMismatch,
                    parameterName,
                    foreign,
                    $"aws:SourceArn must be in the session's partition '{partition.Name}'");
            }
        }

        private static TrustPolicyAnalysis AnalyzeRoot(JsonElement root)
        {
            if (root.ValueKind != JsonValueKind.Object || !TryGetProperty(root, "Statement", out var statements))
            {
                return TrustPolicyAnalysis.Unreadable("there is no Statement");
            }

            var allows = false;
            var accounts = new List<string>();
            var arns = new List<string>();
            var conditionless = false;
            foreach (var statement in AsArray(statements))
            {
                if (statement.ValueKind != JsonValueKind.Object || !IsAllow(statement) || !NamesSsm(statement) || !AllowsAssumeRole(statement))
                {
                    continue;
                }

                allows = true;
                var statementAccounts = ConditionValues(statement, "aws:SourceAccount").ToList();
                var statementArns = ConditionValues(statement, "aws:SourceArn").ToList();
                conditionless |= statementAccounts.Count == 0 && statementArns.Count == 0;
                accounts.AddRange(statementAccounts);
                arns.AddRange(statementArns);
            }

            return new TrustPolicyAnalysis(true, null, allows, accounts.Distinct().ToList(), arns.Distinct().ToList(), conditionless);
        }

        private static bool IsAllow(JsonElement statement)
            => TryGetProperty(statement, "Effect", out var effect) && effect.ValueKind == JsonValueKind.String
               && string.Equals(effect.GetString(), "Allow", StringComparison.Ordinal);

        private static bool NamesSsm(JsonElement statement)
            => TryGetProperty(statement, "Principal", out var principal) && principal.ValueKind == JsonValueKind.Object
               && TryGetProperty(principal, "Service", out var service)
               && Strings(service).Any(s => string.Equals(s, SsmServicePrincipal, StringComparison.OrdinalIgnoreCase));

        private static bool AllowsAssumeRole(JsonElement statement)
            => TryGetProperty(statement, "Action", out var action)
               && Strings(action).Any(a => a == "*" || string.Equals(a, "sts:*", StringComparison.OrdinalIgnoreCase)
                                          || string.Equals(a, AssumeRoleAction, StringComparison.OrdinalIgnoreCase));

        private static IEnumerable<string> ConditionValues(JsonElement statement, string key)
        {
            if (!TryGetProperty(statement, "Condition", out var condition) || condition.ValueKind != JsonValueKind.Object)
            {
                yield break;
            }

            foreach (var op in condition.EnumerateObject())
            {
                if (op.Value.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                foreach (var entry in op.Value.EnumerateObject())
                {
                    if (string.Equals(entry.Name, key, StringComparison.OrdinalIgnoreCase))
                    {
                        foreach (var value in Strings(entry.Value))
                        {
                            yield return value;
                        }
                    }
                }
            }
        }

        private static IEnumerable<JsonElement> AsArray(JsonElement element)
            => element.ValueKind == JsonValueKind.Array ? element.EnumerateArray() : new[] { element };

        private static IEnumerable<string> Strings(JsonElement element)
            => AsArray(element).Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!);

        private static bool TryGetProperty(JsonElement element, string name, out JsonElement value)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (string.Equals(property.Name, name, StringComparison.Ordinal))
                {
                    value = property.Value;
                    return true;
                }
            }

            value = default;
            return false;
        }
    }

    /// <summary>
    /// What a trust policy lets SSM do, and under which source conditions. HasUnconditionedSsmStatement is true
    /// when some statement lets SSM assume the role without aws:SourceAccount/aws:SourceArn.
    /// </summary>
    internal sealed record TrustPolicyAnalysis(bool IsReadable, string? Problem, bool AllowsSsmAssumeRole, IReadOnlyList<string> SourceAccounts, IReadOnlyList<string> SourceArns, bool HasUnconditionedSsmStatement)
    {
        internal static TrustPolicyAnalysis Unreadable(string problem)
            => new TrustPolicyAnalysis(false, problem, false, Array.Empty<string>(), Array.Empty<string>(), false);
    }
}
