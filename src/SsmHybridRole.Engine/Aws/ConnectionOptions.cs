using System;

namespace SsmHybridRole.Engine.Aws
{
    /// <summary>Access and secret key pair (and optional session token) read from another module's credentials object.</summary>
    public sealed class KeyTriple
    {
        public KeyTriple(string accessKey, string secretKey, string? sessionToken)
        {
            AccessKey = accessKey;
            SecretKey = secretKey;
            SessionToken = sessionToken;
        }

        public string AccessKey { get; }

        public string SecretKey { get; }

        public string? SessionToken { get; }

        /// <summary>Never the secret: safe for verbose text.</summary>
        public override string ToString() => "access key " + ConnectionOptions.MaskAccessKey(AccessKey);
    }

    /// <summary>
    /// What the caller said about credentials, Region and endpoint: the connection parameters of every
    /// cmdlet, plus what the session holds ($StoredAWSRegion / $StoredAWSCredentials as AWS Tools leaves them).
    /// Environment variables and files are read by <see cref="AwsConnectionFactory"/>.
    /// </summary>
    public sealed class ConnectionOptions
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

        /// <summary>$StoredAWSRegion, as Set-DefaultAWSRegion leaves it.</summary>
        public string? StoredRegion { get; set; }

        /// <summary>A profile name held in $StoredAWSCredentials, as Set-AWSCredential -ProfileName leaves it.</summary>
        public string? StoredProfileName { get; set; }

        /// <summary>AKIA...WXYZ: enough to tell keys apart in verbose text, never the secret.</summary>
        public static string MaskAccessKey(string accessKey)
            => accessKey is null || accessKey.Length <= 8 ? "****" : accessKey.Substring(0, 4) + "..." + accessKey.Substring(accessKey.Length - 4);
    }
}
