using System.Globalization;
using System.IO;
using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;

namespace SsmHybridRole.Engine.Connections
{
    /// <summary>
    /// A role assumed with a web identity token (EKS, GitHub Actions, any OIDC provider): AWS_WEB_IDENTITY_TOKEN_FILE
    /// with AWS_ROLE_ARN (and AWS_ROLE_SESSION_NAME), or a profile's web_identity_token_file with role_arn. The token
    /// file is read again at each renewal, as the platforms rotate it. STS is the module's own client, so endpoint
    /// overrides, FIPS, proxy and time limits apply.
    /// </summary>
    internal sealed class WebIdentityCredentials : BoundedCredentials
    {
        private readonly AmazonSecurityTokenServiceClient sts;
        private readonly string tokenFile;
        private readonly string roleArn;
        private readonly string sessionName;

        public WebIdentityCredentials(AmazonSecurityTokenServiceClient sts, string tokenFile, string roleArn, string? sessionName)
            : base("STS AssumeRoleWithWebIdentity of " + roleArn, TimeSpan.FromMinutes(5))
        {
            this.sts = sts;
            this.tokenFile = tokenFile;
            this.roleArn = roleArn;
            this.sessionName = string.IsNullOrEmpty(sessionName) ? "SsmHybridRole-" + DateTime.UtcNow.Ticks.ToString(CultureInfo.InvariantCulture) : sessionName!;
        }

        /// <summary>Web identity from the environment, when AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN are both set.</summary>
        public static (string TokenFile, string RoleArn, string? SessionName)? FromEnvironment()
        {
            var file = EnvironmentVariables.FirstSet(EnvironmentVariables.Read("AWS_WEB_IDENTITY_TOKEN_FILE"));
            var role = EnvironmentVariables.FirstSet(EnvironmentVariables.Read("AWS_ROLE_ARN"));
            return file is null || role is null ? null : (file, role, EnvironmentVariables.Read("AWS_ROLE_SESSION_NAME"));
        }

        protected override async Task<CredentialsRefreshState> FetchAsync(CancellationToken cancel)
        {
            string token;
            try
            {
                token = File.ReadAllText(tokenFile).Trim();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new SsmHybridRoleException(ErrorIds.NoCredentials, FailureKind.Authentication, Messages.NoCredentials($"the web identity token file '{tokenFile}' cannot be read ({e.Message})."), tokenFile, null, e);
            }

            var response = await InFlight.UntilStopped(sts.AssumeRoleWithWebIdentityAsync(new AssumeRoleWithWebIdentityRequest { RoleArn = roleArn, RoleSessionName = sessionName, WebIdentityToken = token }, CancellationToken.None), cancel).ConfigureAwait(false);
            var c = response.Credentials;
            return new CredentialsRefreshState(new ImmutableCredentials(c.AccessKeyId, c.SecretAccessKey, c.SessionToken), c.Expiration ?? DateTime.UtcNow.AddMinutes(15));
        }
    }
}
