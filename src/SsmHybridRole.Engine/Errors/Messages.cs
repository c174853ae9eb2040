using System;
using System.Collections.Generic;
using System.Globalization;

namespace SsmHybridRole.Engine.Errors
{
    /// <summary>Every user-facing sentence the engine produces, in one place. None may contain a secret.</summary>
    internal static class Messages
    {
        public static string InvalidParameter(string parameterName, object? value, string rule)
            => string.Format(CultureInfo.InvariantCulture, "-{0} {1} is not valid: {2}", parameterName, Quote(value), rule);

        public static string RoleNotFound(string roleName)
            => $"The IAM role '{roleName}' does not exist in this account.";

        public const string RoleNotFoundAction = "Check the name with Get-SsmHybridServiceRole, or create the role with New-SsmHybridServiceRole.";

        public static string RoleAlreadyExists(string roleName)
            => $"The IAM role '{roleName}' already exists; nothing was changed.";

        public static string RoleAlreadyExistsAction(string roleName)
            => $"To attach more policies to it, run: Add-SsmHybridRolePolicy -RoleName {roleName} -Policy <name>. To start over, remove it first with Remove-SsmHybridServiceRole -RoleName {roleName}.";

        public static string PolicyNotFound(string policyArn)
            => $"The managed policy '{policyArn}' does not exist or cannot be attached.";

        public const string PolicyNotFoundAction = "Check the ARN (account id, path, name and partition); AWS managed policies have the form arn:PARTITION:iam::aws:policy/NAME.";

        public static string AccessDenied(string action, string serviceMessage)
            => $"Access denied to {action}: {serviceMessage}";

        public static string AccessDeniedAction(string action)
            => $"Grant the caller the IAM permission '{action}' (see the README's permissions table), or run with other credentials.";

        public static string LimitExceeded(string action, string serviceMessage)
            => $"{action} exceeded an IAM quota: {serviceMessage}";

        public const string LimitExceededAction = "A role has at most 10 managed policies by default (quota AttachedPoliciesPerRoleQuota); detach one or ask for a quota increase.";

        public static string IamFailed(string action, string? code, string serviceMessage)
            => $"{action} failed" + (code is null ? string.Empty : $" ({code})") + $": {serviceMessage}";

        public static string EndpointUnreachable(string action, string reason)
            => $"{action} could not reach the endpoint: {reason}";

        public const string EndpointUnreachableAction = "Check the network path to the endpoint (and -EndpointUrl / AWS_ENDPOINT_URL if set).";

        public static string InvalidCredentials(string action, string serviceMessage)
            => $"The credentials were rejected by {action}: {serviceMessage}";

        public const string InvalidCredentialsAction = "Check the access key, profile or session; temporary credentials may have expired.";

        public static string Cancelled(string what) => $"{what} was cancelled.";

        public static string RollbackSucceeded(string roleName)
            => $"Creating role '{roleName}' failed part-way; what had been created was removed again.";

        public static string RollbackIncomplete(string roleName, IEnumerable<string> remaining, string cause)
            => $"Creating role '{roleName}' failed ({cause}) and undoing it failed too. Still in the account: {string.Join("; ", remaining)}.";

        public static string RollbackIncompleteAction(string roleName)
            => $"Finish the clean-up with: Remove-SsmHybridServiceRole -RoleName {roleName} -Force";

        public static string RemoveIncomplete(string roleName, IEnumerable<string> done, string cause)
            => $"Removing role '{roleName}' stopped part-way ({cause}). Already done: {string.Join("; ", done)}.";

        public static string RemoveIncompleteAction(string roleName)
            => $"Run Remove-SsmHybridServiceRole -RoleName {roleName} -Force again to finish.";

        public const string NoRegion = "No AWS Region is set. The Region decides the partition (aws, aws-cn, aws-us-gov) and the Region in the trust policy's aws:SourceArn.";

        public const string NoRegionAction = "Pass -Region (or -ActivationRegion), run Set-DefaultAWSRegion, or set AWS_REGION.";

        public static string ProfileNotFound(string profileName, string? location)
            => $"The AWS profile '{profileName}' was not found in " + (location is null ? "the SDK credential store or the shared config and credentials files (~/.aws/config, ~/.aws/credentials, or AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE)" : $"'{location}'") + ".";

        public const string ProfileNotFoundAction = "Check the name with Get-AWSCredential -ListProfileDetail or the files themselves, or pass -ProfileLocation.";

        public static string ProfileHasNoCredentials(string profileName)
            => $"The AWS profile '{profileName}' exists but does not yield credentials this module can use.";

        public static string NoCredentials(string reason)
            => "No AWS credentials were found (explicit keys, -Credential, -ProfileName, environment variables, AWS_PROFILE, the default profile, container or instance credentials): " + reason;

        public const string NoCredentialsAction = "Pass -ProfileName or -AccessKey/-SecretKey, run Set-AWSCredential, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.";

        public static string Quote(object? value) => value switch
        {
            null => "(null)",
            string s when s.Length > 60 => "'" + s.Substring(0, 40) + "...' (" + s.Length.ToString(CultureInfo.InvariantCulture) + " characters)",
            string s => "'" + s + "'",
            _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
        };
    }
}
