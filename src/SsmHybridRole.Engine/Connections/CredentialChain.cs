using Amazon.Runtime;

namespace SsmHybridRole.Engine.Connections
{
    /// <summary>
    /// Credentials in AWS Tools for PowerShell's order: explicit keys, a credential object, the named profile, the
    /// credentials stored for the session (AWS Tools' credential command), then the SDKs' chain: the environment's keys,
    /// AWS_PROFILE, the default profile (when it names credentials: a Region alone does not stop the chain), web
    /// identity, container credentials, EC2 instance metadata. A named profile that does not exist is an error,
    /// never a silent fallback.
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

        /// <summary>The profile whose settings apply (Region, FIPS, endpoints): the one the chain would read.</summary>
        public static string SettingsProfile(ConnectionOptions options)
            => EnvironmentVariables.FirstSet(options.ProfileName, options.StoredCredentials is null ? options.StoredProfileName : null, EnvironmentVariables.Read("AWS_PROFILE")) ?? "default";

        /// <summary>The credentials and a description of where they came from (never a secret).</summary>
        public static (AWSCredentials Credentials, CredentialSource Source) Resolve(ConnectionOptions options, ProfileCredentials profiles, ClientFactory clients)
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

            if (!string.IsNullOrEmpty(options.ProfileName))
            {
                return profiles.Resolve(options.ProfileName!);
            }

            if (options.StoredCredentials is { } stored)
            {
                return (new ExternalAwsCredentials(stored.Read), new CredentialSource(CredentialSourceKind.SessionCredentials, stored.Name ?? string.Empty));
            }

            if (!string.IsNullOrEmpty(options.StoredProfileName))
            {
                return profiles.Resolve(options.StoredProfileName!);
            }

            if (FromEnvironmentKeys() is { } environment)
            {
                return environment;
            }

            var environmentProfile = EnvironmentVariables.Read("AWS_PROFILE");
            if (!string.IsNullOrEmpty(environmentProfile))
            {
                return profiles.Resolve(environmentProfile!);
            }

            if (profiles.YieldsCredentials("default"))
            {
                return profiles.Resolve("default");
            }

            if (WebIdentityCredentials.FromEnvironment() is { } web)
            {
                return (new WebIdentityCredentials(clients.Sts(new AnonymousAWSCredentials()), web.TokenFile, web.RoleArn, web.SessionName), new CredentialSource(CredentialSourceKind.DefaultChain, $"role {web.RoleArn} with the web identity token in AWS_WEB_IDENTITY_TOKEN_FILE"));
            }

            var fetched = MetadataCredentials.Container() ?? MetadataCredentials.Instance()
                ?? throw new SsmHybridRoleException(ErrorIds.NoCredentials, FailureKind.Authentication, Messages.NoCredentials("none of them is set, and instance metadata is switched off (AWS_EC2_METADATA_DISABLED)."));
            return (fetched.Credentials, new CredentialSource(CredentialSourceKind.DefaultChain, fetched.Source));
        }

        /// <summary>AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (with AWS_SESSION_TOKEN), when both are set.</summary>
        internal static (AWSCredentials Credentials, CredentialSource Source)? FromEnvironmentKeys()
        {
            var accessKey = EnvironmentVariables.Read("AWS_ACCESS_KEY_ID");
            var secretKey = EnvironmentVariables.Read("AWS_SECRET_ACCESS_KEY");
            if (string.IsNullOrEmpty(accessKey) || string.IsNullOrEmpty(secretKey))
            {
                return null;
            }

            var token = EnvironmentVariables.Read("AWS_SESSION_TOKEN");
            return (string.IsNullOrEmpty(token) ? new BasicAWSCredentials(accessKey, secretKey) : new SessionAWSCredentials(accessKey, secretKey, token), new CredentialSource(CredentialSourceKind.EnvironmentKeys, ConnectionOptions.MaskAccessKey(accessKey!)));
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
