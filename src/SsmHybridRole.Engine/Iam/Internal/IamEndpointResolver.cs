using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Endpoints;
using Amazon.Runtime.Internal;

namespace SsmHybridRole.Engine.Iam.Internal
{
    /// <summary>Pipeline step that feeds the client's Region and ServiceURL to <see cref="IamEndpointProvider"/>.</summary>
    internal sealed class IamEndpointResolver : BaseEndpointResolver
    {
        internal static EndpointParameters BuildParameters(IClientConfig config, RegionEndpoint? alternateEndpoint)
        {
            var parameters = new EndpointParameters();
            parameters["Region"] = alternateEndpoint?.SystemName
                ?? config.RegionEndpoint?.SystemName
                ?? config.AuthenticationRegion
                ?? "us-east-1";
            parameters["UseFIPS"] = config.UseFIPSEndpoint;
            parameters["UseDualStack"] = config.UseDualstackEndpoint;
            parameters["Endpoint"] = config.ServiceURL;
            return parameters;
        }

        protected override EndpointParameters MapEndpointsParameters(IRequestContext requestContext)
            => BuildParameters(requestContext.ClientConfig, requestContext.Request.AlternateEndpoint);
    }
}
