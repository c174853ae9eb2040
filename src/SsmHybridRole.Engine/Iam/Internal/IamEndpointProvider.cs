using Amazon.Runtime;
using Amazon.Runtime.Endpoints;

namespace SsmHybridRole.Engine.Iam.Internal
{
    /// <summary>
    /// IAM is one global endpoint per partition, with and without FIPS, signed for the Region its rules name
    /// (see <see cref="AwsPartition"/>). A custom endpoint (moto, a proxy, a VPC endpoint) is used as given and, as in
    /// the SDKs' rules, signed for the client's own Region.
    /// </summary>
    internal sealed class IamEndpointProvider : IEndpointProvider
    {
        public Endpoint ResolveEndpoint(EndpointParameters parameters)
        {
            if (parameters is null)
            {
                throw new ArgumentNullException(nameof(parameters));
            }

            var region = parameters["Region"] as string;
            if (string.IsNullOrEmpty(region))
            {
                throw new AmazonClientException("IAM endpoint resolution needs a Region to pick the partition.");
            }

            if (parameters["Endpoint"] is string custom && custom.Length > 0)
            {
                return new Endpoint(custom);
            }

            var (url, signingRegion) = AwsPartition.FromRegion(region!).Iam(parameters["UseFIPS"] is true);
            var authSchemes = "{\"authSchemes\":[{\"name\":\"sigv4\",\"signingName\":\"iam\",\"signingRegion\":\"" + signingRegion + "\"}]}";
            return new Endpoint(url, authSchemes, string.Empty);
        }
    }
}
