using System.Globalization;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using Amazon.SSO;
using Amazon.SSO.Model;
using Amazon.SSOOIDC;
using Amazon.SSOOIDC.Model;

namespace SsmHybridRole.Engine.Connections
{
    /// <summary>Where an SSO profile's role comes from, and how to reach the SSO services.</summary>
    internal sealed record SsoSettings(string ProfileName, string CacheKey, string AccountId, string RoleName, string Region, Func<string, AmazonSSOConfig> PortalConfig, Func<string, AmazonSSOOIDCConfig> OidcConfig);

    /// <summary>
    /// Role credentials from the SSO portal for the token that 'aws sso login' cached. A token past its expiry is
    /// renewed with its refresh token through SSO OIDC (sso-session profiles, as the AWS CLI does) and the cache file
    /// written back; when it cannot be renewed, the error says to sign in again. This module never signs in itself.
    /// </summary>
    internal sealed class SsoCredentials : BoundedCredentials
    {
        private readonly SsoSettings settings;

        public SsoCredentials(SsoSettings settings)
            : base($"the SSO portal for profile '{settings?.ProfileName}'", TimeSpan.FromMinutes(5))
        {
            this.settings = settings!;
        }

        protected override async Task<CredentialsRefreshState> FetchAsync(CancellationToken cancel)
        {
            var token = await AccessTokenAsync(cancel).ConfigureAwait(false);
            using var sso = new AmazonSSOClient(new AnonymousAWSCredentials(), settings.PortalConfig(settings.Region));
            var response = await InFlight.UntilStopped(sso.GetRoleCredentialsAsync(new GetRoleCredentialsRequest { AccessToken = token, AccountId = settings.AccountId, RoleName = settings.RoleName }, CancellationToken.None), cancel).ConfigureAwait(false);
            var c = response.RoleCredentials;
            var expiration = DateTimeOffset.FromUnixTimeMilliseconds(c.Expiration ?? 0).UtcDateTime;
            return new CredentialsRefreshState(new ImmutableCredentials(c.AccessKeyId, c.SecretAccessKey, c.SessionToken), expiration);
        }

        private string SignInAction => $"Sign in with: aws sso login --profile {settings.ProfileName}";

        private async Task<string> AccessTokenAsync(CancellationToken cancel)
        {
            var file = CacheFile();
            if (!File.Exists(file))
            {
                throw new SsmHybridRoleException(ErrorIds.SsoTokenMissing, FailureKind.Authentication, $"No cached SSO token for profile '{settings.ProfileName}' (looked for {file}).", settings.ProfileName, SignInAction);
            }

            var cached = JsonNode.Parse(File.ReadAllText(file)) as JsonObject ?? new JsonObject();
            string? Text(string name) => cached[name] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;
            var accessToken = Text("accessToken");
            if (accessToken != null && Time(Text("expiresAt")) > DateTime.UtcNow.AddMinutes(1))
            {
                return accessToken;
            }

            var refreshToken = Text("refreshToken");
            var clientId = Text("clientId");
            var clientSecret = Text("clientSecret");
            if (refreshToken is null || clientId is null || clientSecret is null || Time(Text("registrationExpiresAt")) <= DateTime.UtcNow)
            {
                throw new SsmHybridRoleException(ErrorIds.SsoTokenExpired, FailureKind.Authentication, $"The cached SSO token for profile '{settings.ProfileName}' has expired, and it cannot be renewed (it has no refresh token, or its client registration has expired).", settings.ProfileName, SignInAction);
            }

            CreateTokenResponse renewed;
            using (var oidc = new AmazonSSOOIDCClient(new AnonymousAWSCredentials(), settings.OidcConfig(Text("region") ?? settings.Region)))
            {
                try
                {
                    renewed = await InFlight.UntilStopped(oidc.CreateTokenAsync(new CreateTokenRequest { ClientId = clientId, ClientSecret = clientSecret, GrantType = "refresh_token", RefreshToken = refreshToken }, CancellationToken.None), cancel).ConfigureAwait(false);
                }
                catch (AmazonSSOOIDCException e)
                {
                    throw new SsmHybridRoleException(ErrorIds.SsoTokenExpired, FailureKind.Authentication, $"The cached SSO token for profile '{settings.ProfileName}' has expired, and SSO OIDC refused to renew it ({e.ErrorCode}).", settings.ProfileName, SignInAction, e);
                }
            }

            // Written back as the AWS CLI does, so the CLI and other SDKs see the renewed token too.
            cached["accessToken"] = renewed.AccessToken;
            cached["expiresAt"] = DateTime.UtcNow.AddSeconds(renewed.ExpiresIn ?? 3600).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
            if (!string.IsNullOrEmpty(renewed.RefreshToken))
            {
                cached["refreshToken"] = renewed.RefreshToken;
            }

            var temporary = file + ".tmp";
            File.WriteAllText(temporary, cached.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            File.Copy(temporary, file, overwrite: true);
            File.Delete(temporary);
            return renewed.AccessToken;
        }

        /// <summary>The AWS CLI names its SSO cache files by the SHA-1 of the session name (or start URL).</summary>
        private string CacheFile()
        {
            string hash;
#pragma warning disable CA5350 // not security: the cache file's name, as the AWS CLI makes it
            using (var sha1 = SHA1.Create())
            {
                hash = BitConverter.ToString(sha1.ComputeHash(Encoding.UTF8.GetBytes(settings.CacheKey))).Replace("-", string.Empty).ToLowerInvariant();
            }
#pragma warning restore CA5350

            return Path.Combine(SharedConfig.HomeDirectory(), ".aws", "sso", "cache", hash + ".json");
        }

        private static DateTime Time(string? text)
            => DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at) ? at : DateTime.MinValue;
    }
}
