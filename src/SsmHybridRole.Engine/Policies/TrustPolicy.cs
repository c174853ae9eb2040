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
                return TrustDocument.Parse(document!).Analyze();
            }
            catch (JsonException e)
            {
                return TrustPolicyAnalysis.Unreadable(e.Message);
            }
        }

        /// <summary>
        /// Checks a trust policy a user supplies against IAM's grammar for trust policies (Version, Effect, a
        /// Principal, Action or NotAction, no Resource), IAM's characters and size, and that it lets
        /// ssm.amazonaws.com assume the role with no ARN of another partition.
        /// </summary>
        public static void Validate(string? document, AwsPartition partition, int sizeQuota, string parameterName)
        {
            InputRules.PolicyDocumentText(document, sizeQuota, parameterName);
            var analysis = Analyze(document);
            if (!analysis.IsReadable)
            {
                throw new InvalidParameterException(ErrorIds.MalformedPolicyDocument, parameterName, document, "the trust policy is not well-formed JSON: " + analysis.Problem);
            }

            if (!analysis.AllowsSsmAssumeRole)
            {
                throw new InvalidParameterException(
                    ErrorIds.TrustPolicyDoesNotAllowSsm,
                    parameterName,
                    document,
                    "a hybrid service role's trust policy needs a statement with Effect Allow, Principal Service 'ssm.amazonaws.com' and Action 'sts:AssumeRole'");
            }

            TrustGrammar.Check(document!, parameterName);
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
    }
}
