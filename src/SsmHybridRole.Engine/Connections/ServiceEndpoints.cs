namespace SsmHybridRole.Engine.Connections
{
    /// <summary>
    /// The endpoint overrides in effect for each service: -EndpointUrl for all of them, else the SDKs'
    /// AWS_ENDPOINT_URL_&lt;SERVICE&gt;, else AWS_ENDPOINT_URL. Null means the partition's own endpoint.
    /// </summary>
    internal sealed class ServiceEndpoints
    {
        private ServiceEndpoints(string? iam, string? sts, string? ssm, string? sso)
        {
            Iam = iam;
            Sts = sts;
            Ssm = ssm;
            Sso = sso;
        }

        public string? Iam { get; }

        public string? Sts { get; }

        public string? Ssm { get; }

        public string? Sso { get; }

        /// <summary>Every override, in one text, for the connection's cache key.</summary>
        public string Key => string.Join("|", Iam, Sts, Ssm, Sso);

        /// <summary>Reads the overrides and checks each is an absolute http(s) URL.</summary>
        public static ServiceEndpoints Resolve(ConnectionOptions options)
        {
            string? Override(string service) => Checked(EnvironmentVariables.FirstSet(options.EndpointUrl, EnvironmentVariables.Read("AWS_ENDPOINT_URL_" + service), EnvironmentVariables.Read("AWS_ENDPOINT_URL")));
            return new ServiceEndpoints(Override("IAM"), Override("STS"), Override("SSM"), Checked(EnvironmentVariables.FirstSet(EnvironmentVariables.Read("AWS_ENDPOINT_URL_SSO"), EnvironmentVariables.Read("AWS_ENDPOINT_URL"))));
        }

        private static string? Checked(string? endpoint)
        {
            if (endpoint != null)
            {
                InputRules.EndpointUrl(endpoint);
            }

            return endpoint;
        }
    }
}
