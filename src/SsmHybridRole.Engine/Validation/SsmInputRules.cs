using System.Text.RegularExpressions;

namespace SsmHybridRole.Engine.Validation
{
    /// <summary>
    /// Systems Manager's input rules for the ids of hybrid activations and managed nodes (from SSM's service
    /// model), checked before any request. Each pattern holds for the whole value: \z, not $, so a trailing line
    /// end is refused too.
    /// </summary>
    internal static class SsmInputRules
    {
        public const string ManagedNodeIdRule = "a hybrid managed node id is 'mi-' and 17 lower-case hexadecimal digits, such as mi-0123456789abcdef0";
        public const string ActivationIdRule = "an activation id is a lower-case GUID, such as 0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
        public const string ActivationCodeRule = "an activation code is 20 to 250 letters, digits, '+', '/' or '='";

        private static readonly Regex ManagedNodeIdPattern = new Regex(@"\Ami-[0-9a-f]{17}\z", RegexOptions.CultureInvariant);
        private static readonly Regex ActivationIdPattern = new Regex(@"\A[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\z", RegexOptions.CultureInvariant);
        private static readonly Regex ActivationCodePattern = new Regex(@"\A[A-Za-z0-9+/=]{20,250}\z", RegexOptions.CultureInvariant);

        public static void ManagedNodeId(string? value, string parameterName = "InstanceId")
        {
            if (value is null || !ManagedNodeIdPattern.IsMatch(value))
            {
                throw new InvalidParameterException(ErrorIds.InvalidManagedNodeId, parameterName, value, ManagedNodeIdRule);
            }
        }

        public static void ActivationId(string? value, string parameterName = "ActivationId")
        {
            if (value is null || !ActivationIdPattern.IsMatch(value))
            {
                throw new InvalidParameterException(ErrorIds.InvalidActivationId, parameterName, value, ActivationIdRule);
            }
        }

        /// <summary>The code is a secret: the error never quotes it.</summary>
        public static bool IsActivationCode(string? value) => value != null && ActivationCodePattern.IsMatch(value);

        /// <summary>Every Region of a list, each a Region name (never '*': SSM is asked in named Regions).</summary>
        public static IReadOnlyList<string> Regions(IEnumerable<string>? regions, string parameterName = "Region")
        {
            var list = (regions ?? Array.Empty<string>()).ToList();
            foreach (var region in list)
            {
                InputRules.Region(region, parameterName);
            }

            return list.Distinct(StringComparer.Ordinal).ToList();
        }

        /// <summary>
        /// The role as SSM names it (CreateActivation, UpdateManagedInstanceRole and the IamRole filters): its
        /// path without the leading '/', then its name. A name given as path/name is taken as it is.
        /// </summary>
        public static string SsmRoleName(string roleName, string? rolePath, string parameterName = "RoleName")
        {
            if (roleName is null)
            {
                throw new ArgumentNullException(nameof(roleName));
            }

            InputRules.RoleName(Arn.ResourceName(roleName), parameterName);
            if (rolePath != null)
            {
                InputRules.Path(rolePath, "RolePath");
            }

            string full;
            var trimmed = roleName.TrimStart('/');
            var lastSlash = trimmed.LastIndexOf('/');
            if (roleName.Contains("/"))
            {
                if (lastSlash > 0)
                {
                    InputRules.Path("/" + trimmed.Substring(0, lastSlash + 1), parameterName);
                }

                full = trimmed;
            }
            else
            {
                full = (string.IsNullOrEmpty(rolePath) || rolePath == "/" ? string.Empty : rolePath!.Trim('/') + "/") + roleName;
            }

            if (full.Length > 64)
            {
                throw new InvalidParameterException(ErrorIds.InvalidRoleName, parameterName, full, "Systems Manager takes the role as path/name in at most 64 characters");
            }

            return full;
        }
    }
}
