using System.Globalization;

namespace SsmHybridRole.Engine.Errors
{
    /// <summary>
    /// The engine's sentences about failures, in one place. None contains a secret, a command name or the
    /// syntax of a host; the cmdlets assembly adds what to run (Advice in the cmdlets assembly).
    /// </summary>
    internal static class Messages
    {
        /// <summary>
        /// A refused value, named as it was given: "RoleName 'a b' is not valid: ...". A value that was not given at all
        /// is "missing", an empty one "empty", so no message shows "(null)" or empty quotes where the value should be.
        /// </summary>
        public static string InvalidParameter(string parameterName, object? value, string rule) => value switch
        {
            null => $"{parameterName} is missing: {rule}",
            string s when s.Length == 0 => $"{parameterName} is empty: {rule}",
            string s when s.Trim().Length == 0 => $"{parameterName} {Quote(s)} (white space only) is not valid: {rule}",
            _ => $"{parameterName} {Quote(value)} is not valid: {rule}",
        };

        public static string RoleNotFound(string? roleName)
            => string.IsNullOrEmpty(roleName) ? "The IAM role the request named does not exist in this account." : $"The IAM role '{roleName}' does not exist in this account.";

        public static string RoleAlreadyExists(string? roleName)
            => (string.IsNullOrEmpty(roleName) ? "The IAM role already exists" : $"The IAM role '{roleName}' already exists") + "; nothing was changed.";

        public static string PolicyNotFound(string? policyArn)
            => string.IsNullOrEmpty(policyArn) ? "The managed policy the request named does not exist or cannot be attached." : $"The managed policy '{policyArn}' does not exist or cannot be attached.";

        /// <summary>What a service said, or that it said nothing (some errors come without a message).</summary>
        public static string Said(string? serviceMessage)
            => string.IsNullOrWhiteSpace(serviceMessage) || serviceMessage!.StartsWith("The service returned an error", StringComparison.Ordinal) ? "the service gave no reason" : serviceMessage;

        public const string PolicyNotFoundAction = "Check the ARN (account id, path, name and partition); AWS managed policies have the form arn:PARTITION:iam::aws:policy/NAME.";

        public static string AccessDenied(string action, string? serviceMessage)
            => $"Access denied to {action}: {Said(serviceMessage)}";

        public static string AccessDeniedAction(string action)
            => $"Grant the caller the IAM permission '{action}' (see the README's permissions table), or run with other credentials.";

        public static string LimitExceeded(string action, string? serviceMessage)
            => $"{action} exceeded an IAM quota: {Said(serviceMessage)}";

        public const string LimitExceededAction = "A role has at most 10 managed policies by default (quota AttachedPoliciesPerRoleQuota); detach one or ask for a quota increase.";

        public const string ServiceLinkedAction = "Service-linked roles are managed by their AWS service and cannot be changed here.";

        public static string RequestFailed(string action, string? code, string? serviceMessage)
            => $"{action} failed" + (string.IsNullOrEmpty(code) ? string.Empty : $" ({code})") + $": {Said(serviceMessage)}";

        public static string EndpointUnreachable(string action, string? reason)
            => $"{action} could not reach the endpoint: {Said(reason)}";

        public static string InvalidCredentials(string action, string? serviceMessage)
            => $"The credentials were rejected by {action}: {Said(serviceMessage)}";

        public const string InvalidCredentialsAction = "Check the access key, profile or session; temporary credentials may have expired.";

        public static string RollbackSucceeded(string roleName, IEnumerable<string> undone, string cause)
            => $"Creating role '{roleName}' stopped part-way ({cause}), so what it had made was removed again: {List(undone, "nothing was left to remove")}.";

        public static string RollbackIncomplete(string roleName, IEnumerable<string> remaining, string cause, string undoFailure)
            => $"Creating role '{roleName}' failed ({cause}) and undoing it failed too ({undoFailure}). Still in the account: {List(remaining, "unknown")}.";

        public static string CreationUnknown(string roleName, string cause, string readFailure)
            => $"Creating role '{roleName}' failed ({cause}) in a way that leaves unknown whether IAM made it, and reading it back failed too ({readFailure}). If the role exists and carries the tag {KnownNames.CreationMarkerTag}, it is a leftover of this command.";

        public static string StoppedBeforeReported(string roleName)
            => $"the command stopped before role '{roleName}' could be reported";

        public static string RemoveIncomplete(string roleName, IEnumerable<string> done, IEnumerable<string> remaining, string cause)
            => $"Removing role '{roleName}' stopped part-way ({cause}). Already done: {List(done, "nothing")}. Still in the account: {List(remaining, "nothing")}.";

        public static string NotAttached(string roleName, string policyArn, IEnumerable<string> attached)
            => $"Policy '{policyArn}' is not attached to role '{roleName}', so nothing was detached for it; attached are: {List(attached.Select(Arn.ResourceName), "none")}. Check the name or ARN.";

        /// <summary>Why a task stopped, in words: a stopped command says so, not "The operation was canceled".</summary>
        public static string Cause(Exception e)
            => e is OperationCanceledException && e.Message == PlainCancellation ? "the command was stopped" : e.Message;

        private static readonly string PlainCancellation = new OperationCanceledException().Message;

        private static string List(IEnumerable<string> items, string none)
        {
            var text = string.Join("; ", items);
            return text.Length == 0 ? none : text;
        }

        public const string NoRegion = "No AWS Region is set. The Region decides the partition (aws, aws-cn, aws-us-gov) and the Region in the trust policy's aws:SourceArn.";

        public static string ProfileNotFound(string profileName, string? location)
            => $"The AWS profile '{profileName}' was not found in " + (location is null ? "the SDK credential store or the shared config and credentials files (~/.aws/config, ~/.aws/credentials, or AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE)" : $"'{location}'") + ".";

        public static string ProfileHasNoCredentials(string profileName)
            => $"The AWS profile '{profileName}' exists but does not yield credentials this module can use.";

        public static string NoCredentials(string reason)
            => "No AWS credentials were found (explicit keys, a credential object, a named profile, environment variables, AWS_PROFILE, the default profile, container or instance credentials): " + reason;

        public static string RoleNotVisibleToSsm(string iamRole, TimeSpan waited)
            => $"Systems Manager still reports role '{iamRole}' as nonexistent, or its trust policy as not naming ssm.amazonaws.com, after {waited.TotalSeconds:0} s.";

        public static string NotAHybridServiceRole(string roleName)
            => $"The role '{roleName}' is not a hybrid service role: it was not made by this module, and it does not both trust ssm.amazonaws.com and have AmazonSSMManagedInstanceCore attached (Automation, Maintenance Window and other SSM roles trust SSM too). It was left as it is.";

        public static string RoleInOtherAccount(string roleName, string roleAccount, string ownAccount)
            => $"The role '{roleName}' is in account {roleAccount}, but this command works in account {ownAccount}, the account of its credentials, where a role of that name would be another role. Nothing was changed.";

        public static string RoleInUse(string roleName, IReadOnlyCollection<string> activationRegions, IReadOnlyCollection<string> nodeRegions)
        {
            string Counted(IReadOnlyCollection<string> regions, string what)
                => $"{regions.Count} {what} (in {string.Join(", ", regions.Distinct(StringComparer.Ordinal).OrderBy(r => r, StringComparer.Ordinal))})";
            var uses = new[] { activationRegions.Count > 0 ? Counted(activationRegions, "unexpired activation(s)") : null, nodeRegions.Count > 0 ? Counted(nodeRegions, "registered managed node(s)") : null };
            return $"The role '{roleName}' is still used by {string.Join(" and ", uses.Where(u => u != null))}; removing it would cut those nodes off Systems Manager. It was left as it is.";
        }

        public static string PolicyNotOwned(string policyArn, string attachments)
            => $"The customer managed policy '{policyArn}' exists and was not made by this module; it is attached to {attachments}, and a new version would change what all of them may do. It was left as it is.";

        public static string TrustForOtherAccount(string roleName, string roleAccount, IEnumerable<string> trustedAccounts)
            => $"Role '{roleName}' is in account {roleAccount}, but its trust lets Systems Manager assume it only on behalf of account {string.Join(", ", trustedAccounts)}: no activation in account {roleAccount} can use it.";

        public static string Quote(object? value) => value switch
        {
            null => "(null)",
            string s when s.Length > 60 => "'" + s.Substring(0, 40) + "...' (" + s.Length.ToString(CultureInfo.InvariantCulture) + " characters)",
            string s => "'" + s + "'",
            _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
        };
    }
}
