using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;

namespace SsmHybridRole.Engine.Connections
{
    /// <summary>Temporary credentials of a role, from STS AssumeRole, renewed before they expire.</summary>
    internal sealed class AssumedRoleCredentials : RefreshingAWSCredentials
    {
        private readonly AmazonSecurityTokenServiceClient sts;
        private readonly string roleArn;
        private readonly string sessionName;
        private readonly string? externalId;

        public AssumedRoleCredentials(AmazonSecurityTokenServiceClient sts, string roleArn, string sessionName, string? externalId)
        {
            this.sts = sts;
            this.roleArn = roleArn;
            this.sessionName = sessionName;
            this.externalId = externalId;
        }

        protected override CredentialsRefreshState GenerateNewCredentials() => GenerateNewCredentialsAsync().GetAwaiter().GetResult();

        protected override async Task<CredentialsRefreshState> GenerateNewCredentialsAsync()
        {
            var request = new AssumeRoleRequest { RoleArn = roleArn, RoleSessionName = sessionName };
            if (!string.IsNullOrEmpty(externalId))
            {
                request.ExternalId = externalId;
            }

            var response = await sts.AssumeRoleAsync(request).ConfigureAwait(false);
            var c = response.Credentials;
            return new CredentialsRefreshState(new ImmutableCredentials(c.AccessKeyId, c.SecretAccessKey, c.SessionToken), c.Expiration ?? DateTime.UtcNow.AddMinutes(15));
        }
    }

}
