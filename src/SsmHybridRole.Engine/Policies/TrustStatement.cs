using System.Text.Json;

namespace SsmHybridRole.Engine.Policies
{
    /// <summary>One statement of a trust policy, with its JSON text and what it says.</summary>
    internal sealed class TrustStatement
    {
        private readonly List<(string Operator, string Key, IReadOnlyList<string> Values)> conditions;

        private TrustStatement(string json, string? sid, string effect, IReadOnlyList<(string Kind, string Value)> principals, bool anyPrincipal, IReadOnlyList<string> actions, bool notAction, List<(string, string, IReadOnlyList<string>)> conditions)
        {
            Json = json;
            Sid = sid;
            Effect = effect;
            Principals = principals;
            AnyPrincipal = anyPrincipal;
            Actions = actions;
            NotAction = notAction;
            this.conditions = conditions;
        }

        public string Json { get; }

        public string? Sid { get; }

        public string Effect { get; }

        public bool IsAllow => string.Equals(Effect, "Allow", StringComparison.Ordinal);

        /// <summary>Each principal as its kind (Service, AWS, Federated, CanonicalUser) and value.</summary>
        public IReadOnlyList<(string Kind, string Value)> Principals { get; }

        /// <summary>"Principal": "*", or an AWS principal "*": anyone.</summary>
        public bool AnyPrincipal { get; }

        public IReadOnlyList<string> Actions { get; }

        public bool NotAction { get; }

        public IReadOnlyList<(string Operator, string Key, IReadOnlyList<string> Values)> Conditions => conditions;

        public IEnumerable<string> Services => Principals.Where(p => p.Kind == "Service").Select(p => p.Value);

        /// <summary>Every principal other than ssm.amazonaws.com's service, as "Kind value".</summary>
        public IEnumerable<string> OtherPrincipals
            => Principals.Where(p => p.Kind != "Service").Select(p => p.Kind + " " + p.Value).Prepend(AnyPrincipal ? "anyone (*)" : null).Where(p => p != null)!;

        public IEnumerable<string> AllPrincipals => Principals.Select(p => p.Kind + " " + p.Value).Prepend(AnyPrincipal ? "*" : null).Where(p => p != null)!;

        /// <summary>Whether the statement's actions include sts:AssumeRole (a NotAction list that leaves it out does too).</summary>
        public bool CoversAssumeRole
            => NotAction
                ? !Actions.Any(Matches)
                : Actions.Any(Matches);

        /// <summary>Whether the statement lets its principals assume the role in any way (AssumeRole, with a web identity, with SAML).</summary>
        public bool CoversAnyAssume
            => CoversAssumeRole || (!NotAction && Actions.Any(a => a.StartsWith("sts:AssumeRole", StringComparison.OrdinalIgnoreCase)));

        /// <summary>The module's own statement: Allow for ssm.amazonaws.com alone, without a Sid of the user's.</summary>
        public bool IsManaged
            => IsAllow && string.IsNullOrEmpty(Sid) && !AnyPrincipal && Principals.Count > 0 && Principals.All(p => p.Kind == "Service" && TrustDocument.IsSsm(p.Value));

        /// <summary>The values a condition key must have, from positive operators only: a negated one never limits who may assume.</summary>
        public IEnumerable<string> PositiveValues(string key)
            => conditions.Where(c => TrustDocument.IsPositive(c.Operator) && string.Equals(c.Key, key, StringComparison.OrdinalIgnoreCase)).SelectMany(c => c.Values);

        internal static TrustStatement Read(JsonElement statement)
        {
            if (statement.ValueKind != JsonValueKind.Object)
            {
                throw new JsonException("a statement is not an object");
            }

            string? Text(string name) => statement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
            var principals = new List<(string, string)>();
            var anyone = false;
            if (statement.TryGetProperty("Principal", out var principal))
            {
                if (principal.ValueKind == JsonValueKind.String)
                {
                    anyone = principal.GetString() == "*";
                }
                else if (principal.ValueKind == JsonValueKind.Object)
                {
                    foreach (var kind in principal.EnumerateObject())
                    {
                        foreach (var value in TrustDocument.Strings(kind.Value))
                        {
                            anyone |= kind.Name == "AWS" && value == "*";
                            principals.Add((kind.Name, value));
                        }
                    }
                }
            }

            var notAction = statement.TryGetProperty(nameof(NotAction), out var excluded);
            var actions = notAction ? TrustDocument.Strings(excluded).ToList()
                : statement.TryGetProperty("Action", out var action) ? TrustDocument.Strings(action).ToList() : new List<string>();
            var conditions = new List<(string, string, IReadOnlyList<string>)>();
            if (statement.TryGetProperty("Condition", out var condition) && condition.ValueKind == JsonValueKind.Object)
            {
                foreach (var op in condition.EnumerateObject().Where(o => o.Value.ValueKind == JsonValueKind.Object))
                {
                    conditions.AddRange(op.Value.EnumerateObject().Select(entry => (op.Name, entry.Name, (IReadOnlyList<string>)TrustDocument.Strings(entry.Value).ToList())));
                }
            }

            return new TrustStatement(statement.GetRawText(), Text("Sid"), Text("Effect") ?? string.Empty, principals, anyone, actions, notAction, conditions);
        }

        private static bool Matches(string action)
            => action == "*" || string.Equals(action, "sts:*", StringComparison.OrdinalIgnoreCase) || string.Equals(action, KnownNames.AssumeRoleAction, StringComparison.OrdinalIgnoreCase);
    }
}
