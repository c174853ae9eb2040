namespace SsmHybridRole.Engine.Connections
{
    /// <summary>Access and secret key pair (and optional session token) read from another module's credentials object.</summary>
    internal sealed record KeyTriple(string AccessKey, string SecretKey, string? SessionToken)
    {
        /// <summary>Never the secret: safe for verbose text.</summary>
        public override string ToString() => "access key " + ConnectionOptions.MaskAccessKey(AccessKey);
    }

    /// <summary>The services the module calls, each with its own endpoint override (AWS_ENDPOINT_URL_&lt;ID&gt;).</summary>
    internal enum ServiceId
    {
        Iam,
        Sts,
        Ssm,
        Sso,
        SsoOidc,
    }

    /// <summary>Credentials another module keeps for the session (AWS Tools' stored credentials), read at each signing.</summary>
    internal sealed record SessionCredentials(Func<KeyTriple> Read, string? Name, object Identity);

    /// <summary>The proxy AWS Tools set for the session: host, port, bypass patterns and credentials.</summary>
    internal sealed record SessionProxy(string Host, int Port, IReadOnlyList<string> BypassList, bool BypassOnLocal, System.Net.ICredentials? Credentials);

    /// <summary>
    /// What the caller said about credentials, Region and endpoint: the connection parameters of every
    /// command, plus what the caller's session holds (the Region, credentials and proxy AWS Tools stores for it).
    /// Environment variables and files are read by <see cref="ConnectionCache"/>.
    /// </summary>
    internal sealed class ConnectionOptions
    {
        public string? Region { get; set; }

        public string? ProfileName { get; set; }

        public string? ProfileLocation { get; set; }

        public string? AccessKey { get; set; }

        public string? SecretKey { get; set; }

        public string? SessionToken { get; set; }

        /// <summary>Reads keys from a -Credential object each time credentials are needed (it may refresh).</summary>
        public Func<KeyTriple>? ExternalCredentials { get; set; }

        /// <summary>The -Credential object itself: each distinct object gets connections of its own.</summary>
        public object? ExternalCredentialsIdentity { get; set; }

        /// <summary>The endpoint of the command's own service (<see cref="EndpointService"/>).</summary>
        public string? EndpointUrl { get; set; }

        /// <summary>Which service <see cref="EndpointUrl"/> reaches: IAM for the role commands, SSM for activations.</summary>
        public ServiceId EndpointService { get; set; } = ServiceId.Iam;

        /// <summary>The STS endpoint (account lookup, assumed roles, web identity).</summary>
        public string? StsEndpointUrl { get; set; }

        /// <summary>The Region AWS Tools stored for the session.</summary>
        public string? StoredRegion { get; set; }

        /// <summary>A profile name AWS Tools stored for the session (an older AWS Tools, or a script, leaves a name).</summary>
        public string? StoredProfileName { get; set; }

        /// <summary>The credentials AWS Tools stored for the session, as it stores them.</summary>
        public SessionCredentials? StoredCredentials { get; set; }

        /// <summary>The proxy AWS Tools stored for the session.</summary>
        public SessionProxy? StoredProxy { get; set; }

        /// <summary>AKIA...WXYZ: enough to tell keys apart in verbose text, never the secret.</summary>
        public static string MaskAccessKey(string accessKey)
            => accessKey is null || accessKey.Length <= 8 ? "****" : accessKey.Substring(0, 4) + "..." + accessKey.Substring(accessKey.Length - 4);
    }
}
