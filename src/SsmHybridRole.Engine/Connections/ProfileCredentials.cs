using System.Globalization;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;

namespace SsmHybridRole.Engine.Connections
{
    /// <summary>
    /// Credentials from a named profile, as the AWS CLI and AWS Tools read it. Plain keys and session tokens are the
    /// SDK's own (the SDK store on Windows, the shared files everywhere). The rest uses the connection's own
    /// clients, so endpoint overrides, FIPS, proxy and time limits apply, and every wait is bounded:
    /// credential_process; role_arn with source_profile or credential_source (duration_seconds, external_id,
    /// mfa_serial with a prompt); web_identity_token_file; SSO (sso_session, or the older sso_start_url).
    /// </summary>
    internal sealed class ProfileCredentials
    {
        private const int MaxSourceDepth = 5;
        private readonly CredentialProfileStoreChain chain;
        private readonly string? location;
        private readonly SharedConfig config;
        private readonly ClientFactory clients;

        public ProfileCredentials(string? location, SharedConfig config, ClientFactory clients)
        {
            this.location = location;
            chain = new CredentialProfileStoreChain(location);
            this.config = config;
            this.clients = clients;
        }

        public bool TryGetProfile(string name, out CredentialProfile profile) => chain.TryGetProfile(name, out profile);

        /// <summary>
        /// True when the profile exists and says where credentials come from; a [default] profile with only a
        /// Region (what 'aws configure set region' writes) does not, and the chain goes on past it.
        /// </summary>
        public bool YieldsCredentials(string name)
        {
            if (!chain.TryGetProfile(name, out var profile))
            {
                return false;
            }

            var o = profile.Options;
            return !string.IsNullOrEmpty(o.AccessKey) || !string.IsNullOrEmpty(o.RoleArn) || !string.IsNullOrEmpty(o.CredentialProcess)
                || !string.IsNullOrEmpty(o.SsoAccountId) || !string.IsNullOrEmpty(o.WebIdentityTokenFile);
        }

        public (AWSCredentials Credentials, CredentialSource Source) Resolve(string profileName, int depth = 0)
        {
            if (!chain.TryGetProfile(profileName, out var profile))
            {
                throw new SsmHybridRoleException(ErrorIds.ProfileNotFound, FailureKind.Configuration, Messages.ProfileNotFound(profileName, location), profileName);
            }

            var options = profile.Options;
            if (!string.IsNullOrEmpty(options.RoleArn) && !string.IsNullOrEmpty(options.WebIdentityTokenFile))
            {
                return (new WebIdentityCredentials(clients.Sts(new AnonymousAWSCredentials()), options.WebIdentityTokenFile, options.RoleArn, options.RoleSessionName), Described($"profile '{profileName}' (role {options.RoleArn} with a web identity token)"));
            }

            if (!string.IsNullOrEmpty(options.RoleArn) && (!string.IsNullOrEmpty(options.SourceProfile) || !string.IsNullOrEmpty(options.CredentialSource)))
            {
                if (depth >= MaxSourceDepth)
                {
                    throw new SsmHybridRoleException(ErrorIds.ProfileHasNoCredentials, FailureKind.Configuration, Messages.ProfileHasNoCredentials(profileName) + " Its source_profile chain is longer than " + MaxSourceDepth + " or loops.", profileName);
                }

                var (source, sourceDescription) = string.IsNullOrEmpty(options.SourceProfile) ? FromCredentialSource(profileName, options.CredentialSource) : Resolve(options.SourceProfile, depth + 1);
                var settings = new AssumeRoleSettings(options.RoleArn, string.IsNullOrEmpty(options.RoleSessionName) ? "SsmHybridRole-" + DateTime.UtcNow.Ticks.ToString(CultureInfo.InvariantCulture) : options.RoleSessionName)
                {
                    ExternalId = options.ExternalID,
                    DurationSeconds = int.TryParse(config.Get(profileName, "duration_seconds"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds) ? seconds : null,
                    MfaSerial = string.IsNullOrEmpty(options.MfaSerial) ? null : options.MfaSerial,
                    ProfileName = profileName,
                };
                return (new AssumedRoleCredentials(clients.Sts(source), settings), Described($"profile '{profileName}' (role {options.RoleArn} assumed with {sourceDescription})"));
            }

            if (!string.IsNullOrEmpty(options.SsoAccountId) && !string.IsNullOrEmpty(options.SsoRoleName))
            {
                var region = options.SsoRegion ?? profile.Region?.SystemName
                    ?? throw new SsmHybridRoleException(ErrorIds.ProfileHasNoCredentials, FailureKind.Configuration, Messages.ProfileHasNoCredentials(profileName) + " It names no sso_region.", profileName);
                var cacheKey = !string.IsNullOrEmpty(options.SsoSession) ? options.SsoSession : options.SsoStartUrl;
                var sso = new SsoSettings(profileName, cacheKey, options.SsoAccountId, options.SsoRoleName, region, clients.Sso, clients.SsoOidc);
                return (new SsoCredentials(sso), Described($"profile '{profileName}' (SSO role {options.SsoRoleName} in account {options.SsoAccountId})"));
            }

            if (!string.IsNullOrEmpty(options.CredentialProcess))
            {
                return (new ProcessCredentials(profileName, options.CredentialProcess), Described($"profile '{profileName}' (credential_process)"));
            }

            if (!chain.TryGetAWSCredentials(profileName, out var credentials))
            {
                throw new SsmHybridRoleException(ErrorIds.ProfileHasNoCredentials, FailureKind.Configuration, Messages.ProfileHasNoCredentials(profileName), profileName);
            }

            return (credentials, Described($"profile '{profileName}'"));
        }

        /// <summary>credential_source: the environment's keys, the instance role, or the container's credentials.</summary>
        private static (AWSCredentials Credentials, CredentialSource Source) FromCredentialSource(string profileName, string source)
        {
            var found = source switch
            {
                "Environment" => CredentialChain.FromEnvironmentKeys() is { } keys ? (keys.Credentials, "AWS_ACCESS_KEY_ID") : ((AWSCredentials, string)?)null,
                "Ec2InstanceMetadata" => MetadataCredentials.Instance(),
                "EcsContainer" => MetadataCredentials.Container(),
                _ => null,
            };
            return found is { } f ? (f.Item1, new CredentialSource(CredentialSourceKind.DefaultChain, f.Item2)) : throw new SsmHybridRoleException(ErrorIds.ProfileHasNoCredentials, FailureKind.Configuration, Messages.ProfileHasNoCredentials(profileName) + $" Its credential_source '{source}' gives none here.", profileName);
        }

        private static CredentialSource Described(string text) => new CredentialSource(CredentialSourceKind.Profile, text);
    }
}
