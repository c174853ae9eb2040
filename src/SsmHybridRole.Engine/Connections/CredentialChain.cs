using Amazon.Runtime;
using Amazon.Runtime.Credentials;

namespace SsmHybridRole.Engine.Connections
{
    /// <summary>
    /// Credentials in AWS Tools for PowerShell's order: explicit keys, a credential object, the named (or
    /// session's stored) profile, the environment's keys, AWS_PROFILE, the default profile, then container or
    /// instance credentials. A named profile that does not exist is an error, never a silent fallback.
    /// </summary>
    internal static class CredentialChain
    {
        /// <summary>Checks that explicit keys come in pairs, before anything else is read.</summary>
        public static void ValidateExplicitKeys(ConnectionOptions options)
        {
            if (!string.IsNullOrEmpty(options.AccessKey) && string.IsNullOrEmpty(options.SecretKey))
            {
                throw new InvalidParameterException(ErrorIds.MissingSecretKey, "SecretKey", null, "{AccessKey} needs {SecretKey} too", terminating: true);
            }

            if (string.IsNullOrEmpty(options.AccessKey) && (!string.IsNullOrEmpty(options.SecretKey) || !string.IsNullOrEmpty(options.SessionToken)))
            {
                throw new InvalidParameterException(ErrorIds.MissingAccessKey, "AccessKey", null, "{SecretKey} and {SessionToken} need {AccessKey} too", terminating: true);
            }
        }

        /// <summary>The credentials and a description of where they came from (never a secret).</summary>
        public static (AWSCredentials Credentials, CredentialSource Source) Resolve(ConnectionOptions options, ProfileCredentials profiles)
        {
            if (!string.IsNullOrEmpty(options.AccessKey))
            {
                var masked = ConnectionOptions.MaskAccessKey(options.AccessKey!);
                return string.IsNullOrEmpty(options.SessionToken)
                    ? (new BasicAWSCredentials(options.AccessKey, options.SecretKey), new CredentialSource(CredentialSourceKind.ExplicitKeys, masked))
                    : (new SessionAWSCredentials(options.AccessKey, options.SecretKey, options.SessionToken), new CredentialSource(CredentialSourceKind.ExplicitKeys, masked, WithSessionToken: true));
            }

            if (options.ExternalCredentials != null)
            {
                return (new ExternalAwsCredentials(options.ExternalCredentials), new CredentialSource(CredentialSourceKind.CredentialObject, "credential object"));
            }

            var profileName = EnvironmentVariables.FirstSet(options.ProfileName, options.StoredProfileName);
            if (profileName != null)
            {
                return profiles.Resolve(profileName);
            }

            var accessKey = EnvironmentVariables.Read("AWS_ACCESS_KEY_ID");
            var secretKey = EnvironmentVariables.Read("AWS_SECRET_ACCESS_KEY");
            if (!string.IsNullOrEmpty(accessKey) && !string.IsNullOrEmpty(secretKey))
            {
                var token = EnvironmentVariables.Read("AWS_SESSION_TOKEN");
                return (string.IsNullOrEmpty(token) ? new BasicAWSCredentials(accessKey, secretKey) : new SessionAWSCredentials(accessKey, secretKey, token), new CredentialSource(CredentialSourceKind.EnvironmentKeys, ConnectionOptions.MaskAccessKey(accessKey!)));
            }

            // AWS_PROFILE, or the default profile when it exists; each through the same profile rules as a named profile.
            var environmentProfile = EnvironmentVariables.Read("AWS_PROFILE");
            if (!string.IsNullOrEmpty(environmentProfile))
            {
                return profiles.Resolve(environmentProfile!);
            }

            if (profiles.TryGetProfile("default", out _))
            {
                return profiles.Resolve("default");
            }

            try
            {
                // Container and instance credentials, last.
                return (DefaultAWSCredentialsIdentityResolver.GetCredentials(), new CredentialSource(CredentialSourceKind.DefaultChain, "the SDK's default chain"));
            }
            catch (AmazonClientException e)
            {
                throw new SsmHybridRoleException(ErrorIds.NoCredentials, FailureKind.Authentication, Messages.NoCredentials(e.Message), null, null, e);
            }
        }

        /// <summary>Credentials read from another module's object each time the SDK asks (it may refresh them).</summary>
        private sealed class ExternalAwsCredentials : AWSCredentials
        {
            private readonly Func<KeyTriple> read;

            public ExternalAwsCredentials(Func<KeyTriple> read) => this.read = read;

            public override ImmutableCredentials GetCredentials()
            {
                var keys = read();
                return new ImmutableCredentials(keys.AccessKey, keys.SecretKey, keys.SessionToken);
            }
        }
    }
}
