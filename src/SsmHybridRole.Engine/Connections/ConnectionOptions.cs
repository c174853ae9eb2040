namespace SsmHybridRole.Engine.Connections
{
    /// <summary>Access and secret key pair (and optional session token) read from another module's credentials object.</summary>
    internal sealed record KeyTriple(string AccessKey, string SecretKey, string? SessionToken)
    {
        /// <summary>Never the secret: safe for verbose text.</summary>
        public override string ToString() => "access key " + ConnectionOptions.MaskAccessKey(AccessKey);
    }

    /// <summary>
    /// What the caller said about credentials, Region and endpoint: the connection parameters of every
    /// command, plus what the caller's session holds (the Region and credentials AWS Tools stores for it).
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

        /// <summary>Identity of the -Credential object, so the same object reuses the same client.</summary>
        public object? ExternalCredentialsIdentity { get; set; }

        public string? EndpointUrl { get; set; }

        /// <summary>The Region AWS Tools stored for the session.</summary>
        public string? StoredRegion { get; set; }

        /// <summary>A profile name AWS Tools stored for the session.</summary>
        public string? StoredProfileName { get; set; }

        /// <summary>AKIA...WXYZ: enough to tell keys apart in verbose text, never the secret.</summary>
        public static string MaskAccessKey(string accessKey)
            => accessKey is null || accessKey.Length <= 8 ? "****" : accessKey.Substring(0, 4) + "..." + accessKey.Substring(accessKey.Length - 4);
    }
}
