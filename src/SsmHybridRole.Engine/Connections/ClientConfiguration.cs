using Amazon;
using Amazon.Runtime;

namespace SsmHybridRole.Engine.Connections
{
    /// <summary>How every AWS client the module makes (IAM, STS, SSM, SSO) is configured.</summary>
    internal static class ClientConfiguration
    {
        /// <summary>
        /// Sets a client's Region and, when there is one, its endpoint override signed for that Region: the same
        /// for every client the module makes.
        /// </summary>
        public static T Point<T>(T config, string region, string? endpoint)
            where T : ClientConfig
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
            if (endpoint != null)
            {
                config.ServiceURL = endpoint;
                config.AuthenticationRegion = region;
            }

            return config;
        }
    }
}
