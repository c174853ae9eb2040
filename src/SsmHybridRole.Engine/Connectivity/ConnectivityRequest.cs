using SsmHybridRole.Engine.Roles;

namespace SsmHybridRole.Engine.Connectivity
{
    /// <summary>What to check from this server: the Region, how to reach it (proxy), and endpoints in place of AWS's own.</summary>
    internal sealed class ConnectivityRequest
    {
        public string Region { get; set; } = string.Empty;

        /// <summary>A proxy for every endpoint; null: the system's proxy settings (unless <see cref="NoProxy"/>).</summary>
        public Uri? ProxyUri { get; set; }

        public bool NoProxy { get; set; }

        /// <summary>Endpoints in place of the Region's own, by name (ssm, ssmmessages, ec2messages, s3), as in the agent's configuration.</summary>
        public IReadOnlyDictionary<string, string> EndpointOverrides { get; set; } = new Dictionary<string, string>();

        /// <summary>How long each step (DNS, TCP, TLS, the HTTPS answer) may take.</summary>
        public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

        /// <summary>The endpoints to check, checked for being well formed. Sends nothing.</summary>
        public IReadOnlyList<ConnectivityTarget> Targets()
        {
            InputRules.Region(Region, "Region");
            if (Timeout < TimeSpan.FromSeconds(1) || Timeout > TimeSpan.FromSeconds(300))
            {
                throw new InvalidParameterException(ErrorIds.InvalidTimeout, "TimeoutSec", (int)Timeout.TotalSeconds, "each step may take 1 to 300 seconds");
            }

            if (ProxyUri != null && (!ProxyUri.IsAbsoluteUri || ProxyUri.Scheme != Uri.UriSchemeHttp || ProxyUri.AbsolutePath != "/"))
            {
                throw new InvalidParameterException(ErrorIds.InvalidProxyUri, "ProxyUri", ProxyTunnel.Masked(ProxyUri), "a proxy is an http:// URL of a host and port, such as http://proxy.example.com:3128");
            }

            var overrides = new Dictionary<string, Uri>(StringComparer.OrdinalIgnoreCase);
            var names = AgentEndpoints.ServiceNames.Concat(new[] { AgentEndpoints.S3 }).ToList();
            foreach (var entry in EndpointOverrides)
            {
                if (!names.Contains(entry.Key, StringComparer.OrdinalIgnoreCase))
                {
                    throw new InvalidParameterException(ErrorIds.InvalidEndpointOverride, "Endpoint", entry.Key, "the endpoints that can be replaced are " + string.Join(", ", names));
                }

                if (!Uri.TryCreate(entry.Value, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
                {
                    throw new InvalidParameterException(ErrorIds.InvalidEndpointOverride, "Endpoint", entry.Value, "an endpoint is an absolute https:// URL, as SSM Agent only talks HTTPS");
                }

                overrides[entry.Key] = uri;
            }

            var targets = AgentEndpoints.ServiceNames
                .Select(name => new ConnectivityTarget(name, overrides.TryGetValue(name, out var own) ? own : AgentEndpoints.Service(name, Region)))
                .ToList();
            foreach (var bucket in AwsOwnedBuckets.In(Region, includeMacOS: false))
            {
                var url = overrides.TryGetValue(AgentEndpoints.S3, out var s3) ? new Uri(s3, bucket + "/") : AgentEndpoints.Bucket(bucket, Region);
                targets.Add(new ConnectivityTarget("s3 " + bucket, url));
            }

            return targets;
        }
    }

    /// <summary>One endpoint the agent needs: its name in the findings and the URL asked.</summary>
    internal sealed record ConnectivityTarget(string Name, Uri Url);

    /// <summary>One step of one endpoint's check, with what to do when it did not pass.</summary>
    internal sealed record ConnectivityFinding(string Endpoint, string Check, CheckStatus Status, string Message, string? Remedy = null);

    /// <summary>Everything found for one Region; it passes when nothing failed.</summary>
    internal sealed record ConnectivityResult(string Region, string? Proxy, TimeSpan? ClockSkew, IReadOnlyList<ConnectivityFinding> Findings)
    {
        public bool Passed => Findings.All(f => f.Status != CheckStatus.Fail);
    }
}
