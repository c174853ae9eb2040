using System.Globalization;

namespace SsmHybridRole.Engine.Connections
{
    /// <summary>The sentences of connection failures: where credentials or endpoints went wrong. Never a secret.</summary>
    internal static class ConnectionMessages
    {
        public const string AllowCleartextVariable = "SSMHYBRIDROLE_ALLOW_HTTP_ENDPOINT";

        public static string CredentialTimeout(string what, TimeSpan waited)
            => string.Format(CultureInfo.InvariantCulture, "Getting credentials from {0} took longer than {1:0.#} s and was given up (SSMHYBRIDROLE_CREDENTIAL_TIMEOUT sets the limit in seconds).", what, waited.TotalSeconds);

        public static string MfaCodeRequired(string profileName, string mfaSerial)
            => $"Profile '{profileName}' needs a code from MFA device {mfaSerial}, and this session cannot ask for one (it is not interactive, or no code was entered).";

        public static string CredentialProcessFailed(string profileName, string reason)
            => $"The credential_process of profile '{profileName}' did not give credentials: {reason}";

        public static string CleartextEndpoint(string service, string source, string endpoint)
            => $"The {service} endpoint {endpoint} (from {source}) is plain http:// to a host that is not this machine: requests would be readable and changeable on the way. Use https://, or set {AllowCleartextVariable}=1 to allow it on purpose.";

        public const string CleartextRule = "an http:// endpoint must be on this machine (127.0.0.0/8, ::1 or localhost); use https:// elsewhere, or set " + AllowCleartextVariable + "=1 to allow it on purpose";

        public static string InvalidSessionCredentials(string typeName, string reason)
            => $"The credentials stored for the session (a {typeName}) could not be read: {reason}";

        public static string PaginationLoop(string operation, string marker)
            => $"{operation} returned the page marker '{Abbreviated(marker)}' a second time; the listing was stopped instead of going round in circles.";

        private static string Abbreviated(string text) => text.Length <= 40 ? text : text.Substring(0, 37) + "...";

        public static string SourceIdentityRefused(string roleArn, string sourceIdentity)
            => $"The trust policy of {roleArn} does not allow sts:SetSourceIdentity, so the session goes without SourceIdentity '{sourceIdentity}': CloudTrail records the session name, not the caller. Add sts:SetSourceIdentity to that trust policy to have the caller recorded.";
    }
}
