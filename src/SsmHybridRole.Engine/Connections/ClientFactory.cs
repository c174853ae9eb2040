using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SimpleSystemsManagement;
using Amazon.SSO;
using Amazon.SSOOIDC;

namespace SsmHybridRole.Engine.Connections
{
    /// <summary>
    /// Makes every client of one connection the same way: its Region (IAM and STS are signed for the connection's
    /// Region; SSM and SSO for their own), its endpoint override, FIPS, time limits and proxy.
    /// </summary>
    internal sealed class ClientFactory
    {
        private readonly string region;
        private readonly ServiceEndpoints endpoints;
        private readonly HttpSettings http;

        public ClientFactory(string region, ServiceEndpoints endpoints, HttpSettings http)
        {
            this.region = region;
            this.endpoints = endpoints;
            this.http = http;
        }

        public ServiceEndpoints Endpoints => endpoints;

        public IdentityManagementServiceClient Iam(AWSCredentials credentials)
            => new IdentityManagementServiceClient(credentials, ClientConfiguration.Point(new IdentityManagementServiceConfig(), region, endpoints.Iam, endpoints.UseFips, http));

        public AmazonSecurityTokenServiceClient Sts(AWSCredentials credentials)
            => new AmazonSecurityTokenServiceClient(credentials, ClientConfiguration.Point(new AmazonSecurityTokenServiceConfig(), region, endpoints.Sts, endpoints.UseFips, http));

        public AmazonSimpleSystemsManagementClient Ssm(AWSCredentials credentials, string ssmRegion)
            => new AmazonSimpleSystemsManagementClient(credentials, ClientConfiguration.Point(new AmazonSimpleSystemsManagementConfig(), ssmRegion, endpoints.Ssm, endpoints.UseFips, http));

        public AmazonSSOConfig Sso(string ssoRegion)
            => ClientConfiguration.Point(new AmazonSSOConfig(), ssoRegion, endpoints.Sso, endpoints.UseFips, http);

        public AmazonSSOOIDCConfig SsoOidc(string ssoRegion)
            => ClientConfiguration.Point(new AmazonSSOOIDCConfig(), ssoRegion, endpoints.SsoOidc, endpoints.UseFips, http);
    }
}
