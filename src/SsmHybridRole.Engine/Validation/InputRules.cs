using System.Globalization;
using System.Text.RegularExpressions;

namespace SsmHybridRole.Engine.Validation
{
    /// <summary>
    /// The services' own input rules (IAM's CreateRole, AttachRolePolicy, TagRole; Regions, account ids,
    /// endpoints). The services enforce them too, but a local endpoint such as moto does not, and a request
    /// that is bound to fail should never be sent. Each check throws <see cref="InvalidParameterException"/>
    /// naming the parameter and the rule.
    /// </summary>
    internal static class InputRules
    {
        public const string RoleNameRule = "a role name is 1 to 64 characters from letters A-Z a-z, digits and _ + = , . @ -";
        public const string PolicyNameRule = "a policy name is 1 to 128 characters from letters A-Z a-z, digits and _ + = , . @ -";
        public const string PathRule = "a path is '/' or 1 to 512 characters that start and end with '/' and hold only printable ASCII between them";
        public const string DescriptionRule = "a description is at most 1000 characters of printable ASCII, tab, line breaks or Latin-1 (U+00A1 to U+00FF)";
        public const string MaxSessionDurationRule = "the maximum session duration is 3600 to 43200 seconds (1 to 12 hours)";
        public const string TooManyTagsRule = "a role has at most 50 tags";
        public const string TagKeyRule = "a tag key is 1 to 128 letters, digits, spaces or _ . : / = + - @, and must not start with 'aws:'";
        public const string TagValueRule = "a tag value is at most 256 letters, digits, spaces or _ . : / = + - @";
        public const string PolicyArnRule = "a managed policy ARN is 20 to 2048 characters of the form arn:PARTITION:iam::(aws|ACCOUNT-ID):policy/[PATH/]NAME";
        public const string AccountIdRule = "an AWS account id is exactly 12 digits";
        public const string RegionRule = "a Region is a name such as us-east-2 or eu-central-1, or '*' for every Region of the partition";
        public const string PolicyDocumentCharactersRule = "a policy document holds only tab, line breaks and characters U+0020 to U+00FF";
        public const string EndpointUrlRule = "an endpoint URL is an absolute http:// or https:// URL";

        private static readonly Regex RoleNamePattern = new Regex(@"^[A-Za-z0-9_+=,.@-]{1,64}\z", RegexOptions.CultureInvariant);
        private static readonly Regex PolicyNamePattern = new Regex(@"^[A-Za-z0-9_+=,.@-]{1,128}\z", RegexOptions.CultureInvariant);
        private static readonly Regex PathPattern = new Regex(@"^(/|/[\u0021-\u007E]+/)\z", RegexOptions.CultureInvariant);
        private static readonly Regex DescriptionPattern = new Regex(@"^[\u0009\u000A\u000D\u0020-\u007E\u00A1-\u00FF]*\z", RegexOptions.CultureInvariant);
        private static readonly Regex TagTextPattern = new Regex(@"^[\p{L}\p{Z}\p{N}_.:/=+\-@]*\z", RegexOptions.CultureInvariant);
        private static readonly Regex PolicyArnPattern = new Regex(@"^arn:(?<partition>[a-z-]+):iam::(?<account>aws|[0-9]{12}):policy/(?<path>([\u0021-\u007E]+/)?)(?<name>[A-Za-z0-9_+=,.@-]{1,128})\z", RegexOptions.CultureInvariant);
        private static readonly Regex AccountIdPattern = new Regex(@"^[0-9]{12}\z", RegexOptions.CultureInvariant);
        private static readonly Regex RegionPattern = AwsPartition.RegionNamePattern;

        public static void RoleName(string? value, string parameterName = "RoleName")
        {
            if (value is null || !RoleNamePattern.IsMatch(value))
            {
                throw new InvalidParameterException(ErrorIds.InvalidRoleName, parameterName, value, RoleNameRule);
            }
        }

        public static void PolicyName(string? value, string parameterName = "PolicyName")
        {
            if (value is null || !PolicyNamePattern.IsMatch(value))
            {
                throw new InvalidParameterException(ErrorIds.InvalidPolicyName, parameterName, value, PolicyNameRule);
            }
        }

        public static void Path(string? value, string parameterName = "Path")
        {
            if (value is null || value.Length > 512 || !PathPattern.IsMatch(value))
            {
                throw new InvalidParameterException(ErrorIds.InvalidPath, parameterName, value, PathRule);
            }
        }

        public static void Description(string? value, string parameterName = "Description")
        {
            if (value is null || value.Length > 1000 || !DescriptionPattern.IsMatch(value))
            {
                throw new InvalidParameterException(ErrorIds.InvalidDescription, parameterName, value, DescriptionRule);
            }
        }

        public static void MaxSessionDuration(int value, string parameterName = "MaxSessionDuration")
        {
            if (value < 3600 || value > 43200)
            {
                throw new InvalidParameterException(ErrorIds.InvalidMaxSessionDuration, parameterName, value, MaxSessionDurationRule);
            }
        }

        public static void Tags(IReadOnlyDictionary<string, string> tags, string parameterName = "Tag", int maxTags = 50)
        {
            if (tags.Count > maxTags)
            {
                throw new InvalidParameterException(ErrorIds.TooManyTags, parameterName, tags.Count.ToString(CultureInfo.InvariantCulture) + " tags", TooManyTagsRule);
            }

            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var tag in tags)
            {
                if (tag.Key.Length < 1 || tag.Key.Length > 128 || !TagTextPattern.IsMatch(tag.Key)
                    || tag.Key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase))
                {
                    throw new InvalidParameterException(ErrorIds.InvalidTagKey, parameterName, tag.Key, TagKeyRule);
                }

                if (!seen.Add(tag.Key))
                {
                    throw new InvalidParameterException(ErrorIds.InvalidTagKey, parameterName, tag.Key, "tag keys must differ by more than letter case");
                }

                if (tag.Value is null || tag.Value.Length > 256 || !TagTextPattern.IsMatch(tag.Value))
                {
                    throw new InvalidParameterException(ErrorIds.InvalidTagValue, parameterName, tag.Value, TagValueRule);
                }
            }
        }

        /// <summary>Checks a managed policy ARN and that it belongs to <paramref name="partition"/>.</summary>
        public static void PolicyArn(string? value, AwsPartition partition, string parameterName = "PolicyArn")
        {
            var match = value is null ? null : PolicyArnPattern.Match(value);
            if (value is null || value.Length < 20 || value.Length > 2048 || match is null || !match.Success
                || AwsPartition.FromName(match.Groups["partition"].Value) is null)
            {
                throw new InvalidParameterException(ErrorIds.InvalidPolicyArn, parameterName, value, PolicyArnRule);
            }

            if (!string.Equals(match.Groups["partition"].Value, partition.Name, StringComparison.Ordinal))
            {
                throw new InvalidParameterException(
                    ErrorIds.PolicyArnPartitionMismatch,
                    parameterName,
                    value,
                    $"the ARN is in partition '{match.Groups["partition"].Value}' but the session's Region is in partition '{partition.Name}'; IAM rejects ARNs of another partition");
            }
        }

        public static void ThrottleLimit(int value)
        {
            if (value < 1 || value > 64)
            {
                throw new InvalidParameterException(ErrorIds.InvalidThrottleLimit, "ThrottleLimit", value, "between 1 and 64 roles or accounts are worked on at once");
            }
        }

        public static void AccountId(string? value, string parameterName = "AccountId")
        {
            if (value is null || !AccountIdPattern.IsMatch(value))
            {
                throw new InvalidParameterException(ErrorIds.InvalidAccountId, parameterName, value, AccountIdRule);
            }
        }

        /// <summary>Checks a Region name (or '*') and that it lies in <paramref name="partition"/>.</summary>
        public static void ActivationRegion(string? value, AwsPartition partition, string parameterName = "ActivationRegion")
        {
            if (value == "*")
            {
                return;
            }

            if (value is null || !RegionPattern.IsMatch(value))
            {
                throw new InvalidParameterException(ErrorIds.InvalidActivationRegion, parameterName, value, RegionRule);
            }

            var regionPartition = AwsPartition.FromRegion(value);
            if (regionPartition != partition)
            {
                throw new InvalidParameterException(
                    ErrorIds.ActivationRegionPartitionMismatch,
                    parameterName,
                    value,
                    $"the Region is in partition '{regionPartition.Name}' but the role is created in partition '{partition.Name}'; a trust policy cannot name another partition's Region");
            }
        }

        /// <summary>A Region name; <paramref name="terminating"/> when it is the connection's Region, wrong for every input.</summary>
        public static void Region(string? value, string parameterName = "Region", bool terminating = false)
        {
            if (value is null || !RegionPattern.IsMatch(value))
            {
                throw new InvalidParameterException(ErrorIds.InvalidRegion, parameterName, value, "a Region is a name such as us-east-2 or eu-central-1", terminating);
            }
        }

        /// <summary>Characters and size of a policy document, against the quota that applies to it.</summary>
        public static void PolicyDocumentText(string? document, int sizeQuota, string parameterName)
        {
            if (document is null || document.Any(c => !(c == '\t' || c == '\n' || c == '\r' || (c >= '\u0020' && c <= '\u00FF'))))
            {
                throw new InvalidParameterException(ErrorIds.InvalidPolicyDocument, parameterName, Abbreviate(document), PolicyDocumentCharactersRule);
            }

            var size = document.Count(c => !char.IsWhiteSpace(c));
            if (size > sizeQuota)
            {
                throw new InvalidParameterException(
                    ErrorIds.PolicyDocumentTooLarge,
                    parameterName,
                    Abbreviate(document),
                    $"the document has {size} characters (white space not counted) and the quota is {sizeQuota}");
            }
        }

        public static Uri EndpointUrl(string value, string parameterName = "EndpointUrl")
        {
            if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                throw new InvalidParameterException(ErrorIds.InvalidEndpointUrl, parameterName, value, EndpointUrlRule, terminating: true);
            }

            return uri;
        }

        private static string? Abbreviate(string? text) => text is null || text.Length <= 60 ? text : text.Substring(0, 57) + "...";
    }
}
