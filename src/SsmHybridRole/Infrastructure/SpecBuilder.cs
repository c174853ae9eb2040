using System.Collections;
using System.Globalization;
using SsmHybridRole.Engine.Policies;
using SsmHybridRole.Engine.Roles;

namespace SsmHybridRole.Infrastructure
{
    /// <summary>Cmdlet parameters to the engine's role spec, as New- and Set-SsmHybridServiceRole share them.</summary>
    internal static class SpecBuilder
    {
        public static HybridRoleSpec Build(
            string roleName, string? path, string? description, int? maxSessionDuration, string? permissionsBoundary, object[]? tag,
            string[]? activationRegion, string? accountId, bool noSourceCondition, string? assumeRolePolicyDocument, string[]? policy, string[]? policyArn)
            => new HybridRoleSpec
            {
                RoleName = roleName,
                Path = path,
                Description = description,
                MaxSessionDuration = maxSessionDuration,
                PermissionsBoundary = permissionsBoundary,
                Tags = Tags(tag),
                ActivationRegions = activationRegion ?? Array.Empty<string>(),
                AccountId = assumeRolePolicyDocument is null ? accountId : null,
                NoSourceCondition = noSourceCondition,
                AssumeRolePolicyDocument = assumeRolePolicyDocument,
                PolicyNames = policy ?? Array.Empty<string>(),
                PolicyArns = policyArn ?? Array.Empty<string>(),
            };

        /// <summary>
        /// A trust policy of one's own replaces the one the module builds, so it cannot go with the parameters that
        /// describe the built one; refused before any request rather than one of them silently ignored.
        /// </summary>
        public static void CheckTrustParameters(string? assumeRolePolicyDocument, string[]? activationRegion, bool noSourceCondition, string? sourceAccountId)
        {
            var builtTrust = new (string Name, object? Value)[] { ("ActivationRegion", activationRegion is { Length: > 0 } ? string.Join(",", activationRegion) : null), ("NoSourceCondition", noSourceCondition ? "$true" : null), ("SourceAccountId", sourceAccountId) };
            if (assumeRolePolicyDocument != null && builtTrust.FirstOrDefault(p => p.Value != null) is { Name: { } other, Value: { } value })
            {
                throw new InvalidParameterException(
                    ErrorIds.ConflictingTrustParameters,
                    other,
                    value,
                    "{AssumeRolePolicyDocument} brings a trust policy of its own, and {ActivationRegion}, {NoSourceCondition} and {SourceAccountId} describe the one the module builds; give one or the other");
            }
        }

        /// <summary>The S3 bucket policy switches New-SsmHybridS3BucketPolicy and Export-SsmHybridRoleTemplate share.</summary>
        public static S3BucketPolicyOptions S3Options(string[]? regions, bool vpcEndpoint, string[]? outputBucket, bool encrypted, bool crossAccount, bool includeMacOS)
            => new S3BucketPolicyOptions
            {
                Regions = regions ?? Array.Empty<string>(),
                VpcEndpoint = vpcEndpoint,
                OutputBuckets = outputBucket ?? Array.Empty<string>(),
                Encrypted = encrypted,
                CrossAccount = crossAccount,
                IncludeMacOS = includeMacOS,
            };

        /// <summary>
        /// -Tag as key/value text, from every shape a PowerShell user types: a hashtable of tags (@{ team = 'ops' }),
        /// AWS Tools' one-tag shapes (@{ Key = 'team'; Value = 'ops' }, and Tag objects or any object with Key and
        /// Value properties), text as a CSV cell holds it ('team=ops;env=prod'), or a list of any of them. A table of
        /// exactly Key and Value is one tag, never two tags named "Key" and "Value"; a table that mixes Key and Value
        /// with other keys is refused as ambiguous.
        /// </summary>
        public static IReadOnlyDictionary<string, string> Tags(object[]? tag)
        {
            var tags = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var item in tag ?? Array.Empty<object>())
            {
                switch (Unwrap(item))
                {
                    case null:
                        break;
                    case string text:
                        foreach (var pair in TextTags(text))
                        {
                            tags[pair.Key] = pair.Value;
                        }

                        break;
                    case IDictionary table when KeyValuePair(table) is { } pair:
                        tags[pair.Key] = pair.Value;
                        break;
                    case IDictionary table:
                        foreach (DictionaryEntry entry in table)
                        {
                            tags[Text(entry.Key, "a tag key")] = Text(entry.Value, "a tag value");
                        }

                        break;
                    case var other when PSObject.AsPSObject(other).Properties is var properties && properties["Key"] is { } key && properties["Value"] is { } value:
                        tags[Text(key.Value, "a tag key")] = Text(value.Value, "a tag value");
                        break;
                    case var other:
                        throw new InvalidParameterException("InvalidTagValue", "Tag", other.ToString(), "a tag is @{ name = 'value' }, @{ Key = 'name'; Value = 'value' }, an object with Key and Value properties, or text 'name=value;name2=value2', not " + other.GetType().Name);
                }
            }

            return tags;
        }

        /// <summary>Tags written as text: name=value, several separated by ';', each split at its first '=' and trimmed.</summary>
        private static IEnumerable<KeyValuePair<string, string>> TextTags(string text)
        {
            foreach (var part in text.Split(PipelineText.Separator).Select(p => p.Trim()).Where(p => p.Length > 0))
            {
                var equals = part.IndexOf('=');
                if (equals < 1)
                {
                    throw new InvalidParameterException("InvalidTagValue", "Tag", part, "a tag in text is name=value, several separated by ';', such as 'team=ops;env=prod'");
                }

                yield return new KeyValuePair<string, string>(part.Substring(0, equals).Trim(), part.Substring(equals + 1).Trim());
            }
        }

        /// <summary>The one tag of a table whose keys are exactly Key and Value (in any letter case); null for a table of tags.</summary>
        private static KeyValuePair<string, string>? KeyValuePair(IDictionary table)
        {
            var names = table.Keys.Cast<object>().Select(k => Convert.ToString(Unwrap(k), CultureInfo.InvariantCulture) ?? string.Empty).ToList();
            var hasKey = names.Any(n => n.Equals("Key", StringComparison.OrdinalIgnoreCase));
            var hasValue = names.Any(n => n.Equals("Value", StringComparison.OrdinalIgnoreCase));
            if (!hasKey && !hasValue)
            {
                return null;
            }

            if (!hasKey || names.Count > 2)
            {
                throw new InvalidParameterException("InvalidTagValue", "Tag", string.Join(", ", names), "a table with Key and Value is one tag, @{ Key = 'name'; Value = 'value' }; give other tags in tables of their own");
            }

            object? Entry(string name) => table[table.Keys.Cast<object>().First(k => string.Equals(Convert.ToString(Unwrap(k), CultureInfo.InvariantCulture), name, StringComparison.OrdinalIgnoreCase))];
            return new KeyValuePair<string, string>(Text(Entry("Key"), "a tag key"), hasValue ? Text(Entry("Value"), "a tag value") : string.Empty);
        }

        private static object? Unwrap(object? value) => PipelineText.Unwrap(value);

        private static string Text(object? value, string what)
        {
            var raw = Unwrap(value);
            if (raw is not null && raw is not string && raw is not ValueType)
            {
                throw new InvalidParameterException("InvalidTagValue", "Tag", raw.ToString(), what + " is text, not " + raw.GetType().Name);
            }

            return Convert.ToString(raw, CultureInfo.InvariantCulture) ?? string.Empty;
        }
    }
}
