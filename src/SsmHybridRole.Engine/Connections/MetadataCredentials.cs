using System.Globalization;
using System.Net.Http;
using System.Text.Json;
using Amazon.Runtime;

namespace SsmHybridRole.Engine.Connections
{
    /// <summary>
    /// The last links of the chain, as the SDKs read them: container credentials (AWS_CONTAINER_CREDENTIALS_FULL_URI
    /// or _RELATIVE_URI, with AWS_CONTAINER_AUTHORIZATION_TOKEN or _TOKEN_FILE), then EC2 instance metadata (IMDSv2:
    /// a session token, then the instance role's credentials; AWS_EC2_METADATA_SERVICE_ENDPOINT, and
    /// AWS_EC2_METADATA_DISABLED). Every request has a short limit of its own and the bounded credentials wait.
    /// </summary>
    internal static class MetadataCredentials
    {
        private const string ContainerHost = "http://169.254.170.2";
        private const string MetadataHost = "http://169.254.169.254";
        private static readonly TimeSpan MetadataTimeout = TimeSpan.FromSeconds(2);

        /// <summary>Container credentials when the environment names them, else null.</summary>
        public static (AWSCredentials Credentials, string Source)? Container()
        {
            var full = EnvironmentVariables.Read("AWS_CONTAINER_CREDENTIALS_FULL_URI");
            var relative = EnvironmentVariables.Read("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI");
            var uri = !string.IsNullOrEmpty(relative) ? ContainerHost + relative : full;
            if (string.IsNullOrEmpty(uri))
            {
                return null;
            }

            if (!Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || (parsed.Scheme == Uri.UriSchemeHttp && !parsed.IsLoopback && parsed.Host != "169.254.170.2" && parsed.Host != "169.254.170.23"))
            {
                throw new SsmHybridRoleException(ErrorIds.NoCredentials, FailureKind.Authentication, Messages.NoCredentials($"the container credentials address '{uri}' is not https://, a loopback address, or the container host."));
            }

            return (new Fetched("container credentials at " + uri, async cancel =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, parsed);
                var token = EnvironmentVariables.Read("AWS_CONTAINER_AUTHORIZATION_TOKEN");
                var tokenFile = EnvironmentVariables.Read("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE");
                if (!string.IsNullOrEmpty(tokenFile))
                {
                    token = System.IO.File.ReadAllText(tokenFile).Trim();
                }

                if (!string.IsNullOrEmpty(token))
                {
                    request.Headers.TryAddWithoutValidation("Authorization", token);
                }

                return await SendAsync(request, cancel).ConfigureAwait(false);
            }), "container credentials");
        }

        /// <summary>The instance role's credentials from EC2 instance metadata, unless metadata is switched off.</summary>
        public static (AWSCredentials Credentials, string Source)? Instance()
        {
            if (string.Equals(EnvironmentVariables.Read("AWS_EC2_METADATA_DISABLED"), "true", StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            var host = MetadataEndpoint();
            return (new Fetched("EC2 instance metadata at " + host, async cancel =>
            {
                var roles = await GetMetadataAsync(host, "/latest/meta-data/iam/security-credentials/", cancel).ConfigureAwait(false);
                var role = roles.Split('\n').Select(r => r.Trim()).FirstOrDefault(r => r.Length > 0)
                    ?? throw new SsmHybridRoleException(ErrorIds.NoCredentials, FailureKind.Authentication, Messages.NoCredentials("this EC2 instance has no instance role."));
                return await GetMetadataAsync(host, "/latest/meta-data/iam/security-credentials/" + role, cancel).ConfigureAwait(false);
            }), "EC2 instance metadata");
        }

        /// <summary>The Region of this EC2 instance, or null when there is no instance metadata to ask.</summary>
        public static string? InstanceRegion()
        {
            if (string.Equals(EnvironmentVariables.Read("AWS_EC2_METADATA_DISABLED"), "true", StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            try
            {
                var text = CredentialContext.WithinBoundAsync("EC2 instance metadata", cancel => GetMetadataAsync(MetadataEndpoint(), "/latest/meta-data/placement/region", cancel)).GetAwaiter().GetResult().Trim();
                return text.Length > 0 ? text : null;
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException or SsmHybridRoleException)
            {
                return null;
            }
        }

        private static string MetadataEndpoint()
            => (EnvironmentVariables.FirstSet(EnvironmentVariables.Read("AWS_EC2_METADATA_SERVICE_ENDPOINT")) ?? MetadataHost).TrimEnd('/');

        /// <summary>IMDSv2: a session token first, then the path with it.</summary>
        private static async Task<string> GetMetadataAsync(string host, string path, CancellationToken cancel)
        {
            using var tokenRequest = new HttpRequestMessage(HttpMethod.Put, host + "/latest/api/token");
            tokenRequest.Headers.TryAddWithoutValidation("X-aws-ec2-metadata-token-ttl-seconds", "21600");
            var token = await SendAsync(tokenRequest, cancel).ConfigureAwait(false);
            using var request = new HttpRequestMessage(HttpMethod.Get, host + path);
            request.Headers.TryAddWithoutValidation("X-aws-ec2-metadata-token", token);
            return await SendAsync(request, cancel).ConfigureAwait(false);
        }

        private static async Task<string> SendAsync(HttpRequestMessage request, CancellationToken cancel)
        {
            // Metadata is on this machine or its host, never behind a proxy.
            using var client = new HttpClient(new HttpClientHandler { UseProxy = false }) { Timeout = MetadataTimeout };
            using var response = await client.SendAsync(request, cancel).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new HttpRequestException($"{request.RequestUri} answered {(int)response.StatusCode}.");
            }

            return body;
        }

        /// <summary>Credentials in the JSON both sources answer with (AccessKeyId, SecretAccessKey, Token, Expiration).</summary>
        private sealed class Fetched : BoundedCredentials
        {
            private readonly string what;
            private readonly Func<CancellationToken, Task<string>> fetch;

            public Fetched(string what, Func<CancellationToken, Task<string>> fetch)
                : base(what, TimeSpan.FromMinutes(5))
            {
                this.what = what;
                this.fetch = fetch;
            }

            protected override async Task<CredentialsRefreshState> FetchAsync(CancellationToken cancel)
            {
                string body;
                try
                {
                    body = await fetch(cancel).ConfigureAwait(false);
                }
                catch (HttpRequestException e)
                {
                    throw new SsmHybridRoleException(ErrorIds.NoCredentials, FailureKind.Authentication, Messages.NoCredentials($"{what} did not answer ({e.Message})"), null, null, e);
                }

                using var json = JsonDocument.Parse(body);
                var root = json.RootElement;
                string? Text(string name) => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
                var expires = Text("Expiration") is { } text && DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at) ? at : DateTime.UtcNow.AddMinutes(15);
                return new CredentialsRefreshState(new ImmutableCredentials(Text("AccessKeyId"), Text("SecretAccessKey"), Text("Token")), expires);
            }
        }
    }
}
