using System.Collections;
using System.Globalization;
using SsmHybridRole.Engine.Policies;
using SsmHybridRole.Engine.Roles;

namespace SsmHybridRole.Infrastructure
{
    /// <summary>Cmdlet parameters to the engine's role spec (New- now, Set- later share it).</summary>
    internal static class SpecBuilder
    {
        public static HybridRoleSpec Build(
            string roleName, string? path, string? description, int? maxSessionDuration, string? permissionsBoundary, Hashtable? tag,
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
                AccountId = accountId,
                NoSourceCondition = noSourceCondition,
                AssumeRolePolicyDocument = assumeRolePolicyDocument,
                PolicyNames = policy ?? Array.Empty<string>(),
                PolicyArns = policyArn ?? Array.Empty<string>(),
            };

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

        /// <summary>A -Tag hashtable as key/value text; a key or value that is not text is refused.</summary>
        public static IReadOnlyDictionary<string, string> Tags(Hashtable? tag)
        {
            var tags = new Dictionary<string, string>(StringComparer.Ordinal);
            if (tag is null)
            {
                return tags;
            }

            foreach (DictionaryEntry entry in tag)
            {
                var key = Convert.ToString(entry.Key is System.Management.Automation.PSObject k ? k.BaseObject : entry.Key, CultureInfo.InvariantCulture) ?? string.Empty;
                var raw = entry.Value is System.Management.Automation.PSObject v ? v.BaseObject : entry.Value;
                if (raw is not null && raw is not string && raw is not ValueType)
                {
                    throw new InvalidParameterException("InvalidTagValue", "Tag", key, "a tag value is text, not " + raw.GetType().Name);
                }

                tags[key] = Convert.ToString(raw, CultureInfo.InvariantCulture) ?? string.Empty;
            }

            return tags;
        }
    }
}
