using System.Globalization;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using Amazon.SSO;
using Amazon.SSO.Model;

namespace SsmHybridRole.Engine.Connections
{
    /// <summary>
    /// Credentials from a named profile. Plain keys, session tokens and credential_process are the SDK's
    /// own. A role_arn profile (with source_profile) assumes the role through STS, and an SSO profile
    /// (sso_session, or the older sso_start_url) exchanges the cached SSO token for role credentials. Both
    /// use clients made here, so they go to the same endpoints as every other call, overrides included.
    /// </summary>
    internal sealed class ProfileCredentials
    {
        private const int MaxSourceDepth = 5;
        private readonly CredentialProfileStoreChain chain;
        private readonly string? location;
        private readonly Func<AWSCredentials, AmazonSecurityTokenServiceClient> stsClient;
        private readonly string? ssoEndpoint;

        public ProfileCredentials(string? location, Func<AWSCredentials, AmazonSecurityTokenServiceClient> stsClient, string? ssoEndpoint)
        {
            this.location = location;
            chain = new CredentialProfileStoreChain(location);
            this.stsClient = stsClient;
            this.ssoEndpoint = ssoEndpoint;
        }

        public bool TryGetProfile(string name, out CredentialProfile profile) => chain.TryGetProfile(name, out profile);

        public (AWSCredentials Credentials, CredentialSource Source) Resolve(string profileName, int depth = 0)
        {
            if (!chain.TryGetProfile(profileName, out var profile))
            {
                throw new SsmHybridRoleException(ErrorIds.ProfileNotFound, FailureKind.Configuration, Messages.ProfileNotFound(profileName, location), profileName);
            }

            var options = profile.Options;
            if (!string.IsNullOrEmpty(options.RoleArn) && !string.IsNullOrEmpty(options.SourceProfile))
            {
                if (depth >= MaxSourceDepth)
                {
                    throw new SsmHybridRoleException(ErrorIds.ProfileHasNoCredentials, FailureKind.Configuration, Messages.ProfileHasNoCredentials(profileName) + " Its source_profile chain is longer than " + MaxSourceDepth + " or loops.", profileName);
                }

                var (source, sourceDescription) = Resolve(options.SourceProfile, depth + 1);
                var sessionName = string.IsNullOrEmpty(options.RoleSessionName) ? "SsmHybridRole-" + DateTime.UtcNow.Ticks.ToString(CultureInfo.InvariantCulture) : options.RoleSessionName;
                return (new AssumedRoleCredentials(stsClient(source), options.RoleArn, sessionName, options.ExternalID), Described($"profile '{profileName}' (role {options.RoleArn} assumed with {sourceDescription})"));
            }

            if (!string.IsNullOrEmpty(options.SsoAccountId) && !string.IsNullOrEmpty(options.SsoRoleName))
            {
                var region = options.SsoRegion ?? profile.Region?.SystemName
                    ?? throw new SsmHybridRoleException(ErrorIds.ProfileHasNoCredentials, FailureKind.Configuration, Messages.ProfileHasNoCredentials(profileName) + " It names no sso_region.", profileName);
                var cacheKey = !string.IsNullOrEmpty(options.SsoSession) ? options.SsoSession : options.SsoStartUrl;
                return (new SsoRoleCredentials(profileName, cacheKey, options.SsoAccountId, options.SsoRoleName, region, ssoEndpoint), Described($"profile '{profileName}' (SSO role {options.SsoRoleName} in account {options.SsoAccountId})"));
            }

            if (!chain.TryGetAWSCredentials(profileName, out var credentials))
            {
                throw new SsmHybridRoleException(ErrorIds.ProfileHasNoCredentials, FailureKind.Configuration, Messages.ProfileHasNoCredentials(profileName), profileName);
            }

            return (credentials, Described($"profile '{profileName}'"));
        }

        private static CredentialSource Described(string text) => new CredentialSource(CredentialSourceKind.Profile, text);

        /// <summary>
        /// Role credentials from the SSO portal for the token that 'aws sso login' cached. This module does not
        /// log in itself: an expired or missing token is an error that says to run aws sso login.
        /// </summary>
        private sealed class SsoRoleCredentials : RefreshingAWSCredentials
        {
            private readonly string profileName;
            private readonly string cacheKey;
            private readonly string accountId;
            private readonly string roleName;
            private readonly string region;
            private readonly string? endpoint;

            public SsoRoleCredentials(string profileName, string cacheKey, string accountId, string roleName, string region, string? endpoint)
            {
                this.profileName = profileName;
                this.cacheKey = cacheKey;
                this.accountId = accountId;
                this.roleName = roleName;
                this.region = region;
                this.endpoint = endpoint;
            }

            protected override CredentialsRefreshState GenerateNewCredentials() => GenerateNewCredentialsAsync().GetAwaiter().GetResult();

            protected override async Task<CredentialsRefreshState> GenerateNewCredentialsAsync()
            {
                var token = ReadCachedToken();
                using var sso = new AmazonSSOClient(new AnonymousAWSCredentials(), ClientConfiguration.Point(new AmazonSSOConfig(), region, endpoint));
                var response = await sso.GetRoleCredentialsAsync(new GetRoleCredentialsRequest { AccessToken = token, AccountId = accountId, RoleName = roleName }).ConfigureAwait(false);
                var c = response.RoleCredentials;
                var expiration = DateTimeOffset.FromUnixTimeMilliseconds(c.Expiration ?? 0).UtcDateTime;
                return new CredentialsRefreshState(new ImmutableCredentials(c.AccessKeyId, c.SecretAccessKey, c.SessionToken), expiration);
            }

            private string ReadCachedToken()
            {
                var home = EnvironmentVariables.Read("HOME") ?? EnvironmentVariables.Read("USERPROFILE") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
                string hash;
#pragma warning disable CA5350 // not security: the AWS CLI names its SSO cache files by the SHA-1 of the session name
                using (var sha1 = SHA1.Create())
                {
                    hash = BitConverter.ToString(sha1.ComputeHash(Encoding.UTF8.GetBytes(cacheKey))).Replace("-", string.Empty).ToLowerInvariant();
                }
#pragma warning restore CA5350

                var file = Path.Combine(home, ".aws", "sso", "cache", hash + ".json");
                var action = $"Sign in with: aws sso login --profile {profileName}";
                if (!File.Exists(file))
                {
                    throw new SsmHybridRoleException(ErrorIds.SsoTokenMissing, FailureKind.Authentication, $"No cached SSO token for profile '{profileName}' (looked for {file}).", profileName, action);
                }

                using var cached = JsonDocument.Parse(File.ReadAllText(file));
                var root = cached.RootElement;
                var accessToken = root.TryGetProperty("accessToken", out var t) ? t.GetString() : null;
                var expiresAt = root.TryGetProperty("expiresAt", out var e) && DateTime.TryParse(e.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var at) ? at : DateTime.MinValue;
                if (string.IsNullOrEmpty(accessToken) || expiresAt <= DateTime.UtcNow)
                {
                    throw new SsmHybridRoleException(ErrorIds.SsoTokenExpired, FailureKind.Authentication, $"The cached SSO token for profile '{profileName}' has expired.", profileName, action);
                }

                return accessToken!;
            }
        }
    }
}
