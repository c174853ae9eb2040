using Amazon.Runtime;
using Amazon.Runtime.Endpoints;

namespace SsmHybridRole.Engine.Iam.Internal
{
    /// <summary>
    /// IAM is one global endpoint per partition, signed for that partition's home Region
    /// (see <see cref="AwsPartition"/>). A custom endpoint (moto, a proxy, a VPC endpoint) is used as given and signed
    /// for the client's Region.
    /// </summary>
    internal sealed class IamEndpointProvider : IEndpointProvider
    {
        public Endpoint ResolveEndpoint(EndpointParameters parameters)
        {
            if (parameters is null)
            {
                throw new ArgumentNullException(nameof(parameters));
            }

            if (parameters["Endpoint"] is string custom && custom.Length > 0)
            {
                return new Endpoint(custom);
            }

            var region = parameters["Region"] as string;
            if (string.IsNullOrEmpty(region))
            {
                throw new AmazonClientException("IAM endpoint resolution needs a Region to pick the partition.");
            }

            var partition = AwsPartition.FromRegion(region!);
            var authSchemes = "{\"authSchemes\":[{\"name\":\"sigv4\",\"signingName\":\"iam\",\"signingRegion\":\"" + partition.IamSigningRegion + "\"}]}";
            return new Endpoint(partition.IamEndpoint, authSchemes, string.Empty);
        }
    }
}
