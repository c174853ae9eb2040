using System.Text.Json;

namespace SsmHybridRole.Engine.Policies
{
    /// <summary>
    /// IAM's grammar for a trust policy (a role's resource-based policy), checked before any request: moto
    /// accepts much that IAM refuses. Each broken rule is an error that names it.
    /// </summary>
    internal static class TrustGrammar
    {
        private static readonly string[] Versions = { "2012-10-17", "2008-10-17" };
        private static readonly string[] StatementKeys = { "Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Condition" };

        /// <summary>Checks <paramref name="document"/>; a broken rule names the document as the refused value.</summary>
        public static void Check(string document, string parameterName)
        {
            try
            {
                CheckGrammar(document, parameterName);
            }
            catch (InvalidParameterException e) when (e.Value is null)
            {
                throw new InvalidParameterException(e.ErrorId, e.ParameterName, document, e.Rule);
            }
        }

        private static void CheckGrammar(string document, string parameterName)
        {
            JsonDocument parsed;
            try
            {
                parsed = JsonDocument.Parse(PolicyJson.Decode(document));
            }
            catch (JsonException e)
            {
                throw Broken(parameterName, "the trust policy is not well-formed JSON: " + e.Message);
            }

            using (parsed)
            {
                var root = parsed.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                {
                    throw Broken(parameterName, "a policy document is a JSON object");
                }

                if (root.TryGetProperty("Version", out var version) && !(version.ValueKind == JsonValueKind.String && Versions.Contains(version.GetString())))
                {
                    throw Broken(parameterName, "Version is 2012-10-17 or 2008-10-17");
                }

                if (!root.TryGetProperty("Statement", out var statements) || (statements.ValueKind == JsonValueKind.Array && statements.GetArrayLength() == 0))
                {
                    throw Broken(parameterName, "a policy has a Statement: one object, or an array of at least one");
                }

                foreach (var statement in TrustDocument.AsArray(statements))
                {
                    CheckStatement(statement, parameterName);
                }
            }
        }

        private static void CheckStatement(JsonElement statement, string parameterName)
        {
            if (statement.ValueKind != JsonValueKind.Object)
            {
                throw Broken(parameterName, "each statement is a JSON object");
            }

            var keys = statement.EnumerateObject().Select(p => p.Name).ToList();
            if (keys.Contains("Resource") || keys.Contains("NotResource"))
            {
                throw Broken(parameterName, "a trust policy's statement has no Resource or NotResource: the role itself is the resource");
            }

            var unknown = keys.FirstOrDefault(k => !StatementKeys.Contains(k));
            if (unknown != null)
            {
                throw Broken(parameterName, $"a statement has only Sid, Effect, Principal or NotPrincipal, Action or NotAction, and Condition; not '{unknown}'");
            }

            if (!statement.TryGetProperty("Effect", out var effect) || effect.ValueKind != JsonValueKind.String || (effect.GetString() != "Allow" && effect.GetString() != "Deny"))
            {
                throw Broken(parameterName, "each statement's Effect is Allow or Deny");
            }

            if (keys.Contains("Principal") == keys.Contains("NotPrincipal"))
            {
                throw Broken(parameterName, "each statement of a trust policy names a Principal (or a NotPrincipal), exactly one of the two");
            }

            if (keys.Contains("Action") == keys.Contains("NotAction"))
            {
                throw Broken(parameterName, "each statement has an Action or a NotAction, exactly one of the two");
            }

            if (statement.TryGetProperty("Condition", out var condition) && (condition.ValueKind != JsonValueKind.Object || condition.EnumerateObject().Any(o => o.Value.ValueKind != JsonValueKind.Object)))
            {
                throw Broken(parameterName, "a Condition is an object of operators, each an object of keys and values");
            }
        }

        private static InvalidParameterException Broken(string parameterName, string rule)
            => new InvalidParameterException(ErrorIds.MalformedPolicyDocument, parameterName, null, rule);
    }
}
