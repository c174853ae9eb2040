namespace SsmHybridRole.Engine.Connections
{
    /// <summary>
    /// Where each service is reached, as the SDKs define it, and whether FIPS endpoints are asked for. For each
    /// service, the first of: the command's own endpoint parameter (it reaches the command's service only, and
    /// STS has its own); AWS_ENDPOINT_URL_&lt;SERVICE&gt;; AWS_ENDPOINT_URL; the profile's [services] section;
    /// the profile's endpoint_url. AWS_IGNORE_CONFIGURED_ENDPOINT_URLS (or the profile's
    /// ignore_configured_endpoint_urls) skips the variables and the profile. A loopback endpoint parameter is a
    /// local stand-in (moto, LocalStack) that answers for every service on one port, so it also reaches the
    /// services that have no endpoint of their own. Null means the partition's endpoint. A cleartext http://
    /// endpoint is refused unless it is on this machine, or SSMHYBRIDROLE_ALLOW_HTTP_ENDPOINT allows it.
    /// </summary>
    internal sealed class ServiceEndpoints
    {
        private static readonly Dictionary<ServiceId, (string Variable, string ConfigKey, string Name)> Ids = new Dictionary<ServiceId, (string, string, string)>
        {
            [ServiceId.Iam] = ("IAM", "iam", "IAM"),
            [ServiceId.Sts] = ("STS", "sts", "STS"),
            [ServiceId.Ssm] = ("SSM", "ssm", "SSM"),
            [ServiceId.Sso] = ("SSO", "sso", "SSO"),
            [ServiceId.SsoOidc] = ("SSO_OIDC", "sso_oidc", "SSO OIDC"),
        };

        private readonly Dictionary<ServiceId, string?> endpoints;

        private ServiceEndpoints(Dictionary<ServiceId, string?> endpoints, bool useFips)
        {
            this.endpoints = endpoints;
            UseFips = useFips;
        }

        public string? Iam => endpoints[ServiceId.Iam];

        public string? Sts => endpoints[ServiceId.Sts];

        public string? Ssm => endpoints[ServiceId.Ssm];

        public string? Sso => endpoints[ServiceId.Sso];

        public string? SsoOidc => endpoints[ServiceId.SsoOidc];

        /// <summary>AWS_USE_FIPS_ENDPOINT, else the profile's use_fips_endpoint.</summary>
        public bool UseFips { get; }

        /// <summary>Every override and the FIPS choice, in one text, for the connection's cache key.</summary>
        public string Key => string.Join("|", endpoints.Values) + "|fips=" + UseFips;

        /// <summary>Reads the overrides for <paramref name="options"/>, with <paramref name="profile"/> as the profile in effect.</summary>
        public static ServiceEndpoints Resolve(ConnectionOptions options, SharedConfig config, string profile)
        {
            if (options is null || config is null)
            {
                throw new ArgumentNullException(options is null ? nameof(options) : nameof(config));
            }

            var ignoreConfigured = Flag(EnvironmentVariables.Read("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS")) ?? config.Flag(profile, "ignore_configured_endpoint_urls") ?? false;
            var explicitEndpoint = Checked(options.EndpointUrl, "EndpointUrl");
            var explicitSts = Checked(options.StsEndpointUrl, "StsEndpointUrl");
            var endpoints = new Dictionary<ServiceId, string?>();
            foreach (var pair in Ids)
            {
                var service = pair.Key;
                var (variable, configKey, name) = pair.Value;
                var given = service == options.EndpointService ? explicitEndpoint : service == ServiceId.Sts ? explicitSts : null;
                if (given is null && !ignoreConfigured)
                {
                    given = Configured(name, "AWS_ENDPOINT_URL_" + variable, EnvironmentVariables.Read("AWS_ENDPOINT_URL_" + variable))
                        ?? Configured(name, "AWS_ENDPOINT_URL", EnvironmentVariables.Read("AWS_ENDPOINT_URL"))
                        ?? Configured(name, $"the [services] section of profile '{profile}'", config.ServiceEndpoint(profile, configKey))
                        ?? Configured(name, $"endpoint_url of profile '{profile}'", config.Get(profile, "endpoint_url"));
                }

                endpoints[service] = given ?? (explicitEndpoint != null && new Uri(explicitEndpoint).IsLoopback ? explicitEndpoint : null);
            }

            var fips = Flag(EnvironmentVariables.Read("AWS_USE_FIPS_ENDPOINT")) ?? config.Flag(profile, "use_fips_endpoint") ?? false;
            return new ServiceEndpoints(endpoints, fips);
        }

        /// <summary>An endpoint parameter: an absolute http(s) URL, and cleartext only to this machine unless allowed.</summary>
        private static string? Checked(string? endpoint, string parameterName)
        {
            if (endpoint is null)
            {
                return null;
            }

            var uri = InputRules.EndpointUrl(endpoint, parameterName);
            if (IsRefusedCleartext(uri))
            {
                throw new InvalidParameterException(ErrorIds.CleartextEndpointRefused, parameterName, endpoint, ConnectionMessages.CleartextRule, terminating: true);
            }

            return endpoint;
        }

        /// <summary>An endpoint from the environment or a profile: the same rules, told by where it came from.</summary>
        private static string? Configured(string service, string source, string? endpoint)
        {
            if (string.IsNullOrWhiteSpace(endpoint))
            {
                return null;
            }

            if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                throw new SsmHybridRoleException(ErrorIds.InvalidEndpointUrl, FailureKind.Configuration, $"The {service} endpoint '{endpoint}' from {source} is not valid: {InputRules.EndpointUrlRule}.", endpoint);
            }

            if (IsRefusedCleartext(uri))
            {
                throw new SsmHybridRoleException(ErrorIds.CleartextEndpointRefused, FailureKind.Configuration, ConnectionMessages.CleartextEndpoint(service, source, endpoint!), endpoint);
            }

            return endpoint;
        }

        private static bool IsRefusedCleartext(Uri uri)
            => uri.Scheme == Uri.UriSchemeHttp && !uri.IsLoopback && Flag(EnvironmentVariables.Read(ConnectionMessages.AllowCleartextVariable)) != true && EnvironmentVariables.Read(ConnectionMessages.AllowCleartextVariable) != "1";

        private static bool? Flag(string? text) => text?.Trim() is { Length: > 0 } value && bool.TryParse(value, out var flag) ? flag : null;
    }
}
