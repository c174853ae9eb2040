using Amazon;
using Amazon.Runtime;

namespace SsmHybridRole.Engine.Connections
{
    /// <summary>How every AWS client the module makes (IAM, STS, SSM, SSO, SSO OIDC) is configured, in one place.</summary>
    internal static class ClientConfiguration
    {
        /// <summary>
        /// Sets a client's Region, FIPS choice, time limits and proxy, and, when there is one, its endpoint override
        /// signed for that Region. The SDK's own reading of endpoint variables and files is switched off: the module
        /// has read them already (<see cref="ServiceEndpoints"/>), with its checks.
        /// </summary>
        public static T Point<T>(T config, string region, string? endpoint, bool useFips, HttpSettings http)
            where T : ClientConfig
        {
            if (config is null || http is null)
            {
                throw new ArgumentNullException(config is null ? nameof(config) : nameof(http));
            }

            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
            config.UseFIPSEndpoint = useFips;
            config.IgnoreConfiguredEndpointUrls = true;
            config.Timeout = http.RequestTimeout;
#if !NETFRAMEWORK
            config.HttpClientFactory = http.Factory;
#endif
            if (endpoint != null)
            {
                config.ServiceURL = endpoint;
                config.AuthenticationRegion = region;
            }

            return config;
        }
    }
}
