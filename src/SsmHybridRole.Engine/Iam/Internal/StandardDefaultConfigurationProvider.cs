using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Internal;

namespace SsmHybridRole.Engine.Iam.Internal
{
    /// <summary>
    /// The SDK's "standard" defaults mode: standard retries (3 attempts, jittered backoff capped at 20 s),
    /// which AWS_RETRY_MODE / AWS_MAX_ATTEMPTS and the shared config file still override.
    /// </summary>
    internal sealed class StandardDefaultConfigurationProvider : IDefaultConfigurationProvider
    {
        private static readonly IDefaultConfiguration Standard = new StandardConfiguration();

        public IDefaultConfiguration GetDefaultConfiguration(RegionEndpoint clientRegion, DefaultConfigurationMode? requestedConfigurationMode = null) => Standard;

        private sealed class StandardConfiguration : IDefaultConfiguration
        {
            public DefaultConfigurationMode Name => DefaultConfigurationMode.Standard;

            public RequestRetryMode RetryMode => RequestRetryMode.Standard;

            public S3UsEast1RegionalEndpointValue S3UsEast1RegionalEndpoint => S3UsEast1RegionalEndpointValue.Regional;

            public TimeSpan? ConnectTimeout => TimeSpan.FromSeconds(3.1);

            public TimeSpan? TlsNegotiationTimeout => TimeSpan.FromSeconds(3.1);

            public TimeSpan? TimeToFirstByteTimeout => null;

            public TimeSpan? HttpRequestTimeout => null;
        }
    }
}
