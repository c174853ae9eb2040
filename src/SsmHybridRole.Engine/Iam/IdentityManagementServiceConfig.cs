using Amazon.Runtime;
using Amazon.Runtime.Endpoints;
using Amazon.Runtime.Internal;
using Amazon.Util.Internal;
using SsmHybridRole.Engine.Iam.Internal;

namespace SsmHybridRole.Engine.Iam
{
    /// <summary>
    /// Client configuration for IAM, shaped like AmazonIdentityManagementServiceConfig: the Region picks
    /// the partition (and so the global endpoint and signing Region); ServiceURL overrides the endpoint.
    /// </summary>
    public sealed class IdentityManagementServiceConfig : ClientConfig
    {
        private static readonly string UserAgentString =
            InternalSDKUtils.BuildUserAgentString("IAM", typeof(IdentityManagementServiceConfig).Assembly.GetName().Version?.ToString() ?? "0.0.0");

        public IdentityManagementServiceConfig()
            : base(new StandardDefaultConfigurationProvider())
        {
            ServiceId = "IAM";
            AuthenticationServiceName = "iam";
            EndpointProvider = new IamEndpointProvider();
        }

        public override string RegionEndpointServiceName => "iam";

        public override string ServiceVersion => "2010-05-08";

        public override string UserAgent => UserAgentString;

        public override Endpoint DetermineServiceOperationEndpoint(ServiceOperationEndpointParameters parameters)
        {
            if (parameters is null)
            {
                throw new ArgumentNullException(nameof(parameters));
            }

            return EndpointProvider.ResolveEndpoint(IamEndpointResolver.BuildParameters(this, parameters.AlternateEndpoint));
        }
    }
}
