using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using System.Security.Cryptography;
using System.Text;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Amazon.Runtime.Credentials;
using Amazon.SecurityToken;
using Amazon.SimpleSystemsManagement;
using SsmHybridRole.Engine.Errors;
using SsmHybridRole.Engine.Iam;
using SsmHybridRole.Engine.Policies;

namespace SsmHybridRole.Engine.Aws
{
    /// <summary>
    /// Resolves credentials, Region and endpoints in AWS Tools for PowerShell's order (DOMAIN.md) and keeps one
    /// connection per distinct outcome for the life of the session.
    /// </summary>
    public static class AwsConnectionFactory
    {
        private static readonly ConcurrentDictionary<string, AwsConnection> Connections = new ConcurrentDictionary<string, AwsConnection>(StringComparer.Ordinal);

        /// <summary>Reads an environment variable; replaceable so tests need not touch the process environment.</summary>
        internal static Func<string, string?> Environment { get; set; } = System.Environment.GetEnvironmentVariable;

        public static AwsConnection Get(ConnectionOptions options)
        {
            if (options is null)
            {
                throw new ArgumentNullException(nameof(options));
            }

            ValidateExplicitKeys(options);
            var (iamEndpoint, stsEndpoint, ssmEndpoint) = Endpoints(options);
            if (iamEndpoint != null)
            {
                IamInputRules.EndpointUrl(iamEndpoint);
            }

            if (stsEndpoint != null)
            {
                IamInputRules.EndpointUrl(stsEndpoint);
            }

            if (ssmEndpoint != null)
            {
                IamInputRules.EndpointUrl(ssmEndpoint);
            }

            var key = Digest(options, iamEndpoint, stsEndpoint + "|" + ssmEndpoint);
            if (Connections.TryGetValue(key, out var existing))
            {
                return existing;
            }

            var created = Create(options, key, iamEndpoint, stsEndpoint, ssmEndpoint);
            var winner = Connections.GetOrAdd(key, created);
            if (!ReferenceEquals(winner, created))
            {
                created.Dispose();
            }

            return winner;
        }

        /// <summary>Forgets every cached connection (tests, and a later Clear- cmdlet).</summary>
        public static void Reset()
        {
            foreach (var key in Connections.Keys)
            {
                if (Connections.TryRemove(key, out var connection))
                {
                    connection.Dispose();
                }
            }
        }

        /// <summary>
        /// A connection into <paramref name="accountId"/>: the caller's own when it is that account, otherwise
        /// through STS AssumeRole of <paramref name="roleName"/> there (OrganizationAccountAccessRole by default in
        /// AWS Organizations). Kept per account and role like every other connection.
        /// </summary>
        public static async Task<AwsConnection> ForAccountAsync(ConnectionOptions options, string accountId, string roleName, CancellationToken cancellationToken)
        {
            IamInputRules.AccountId(accountId);
            IamInputRules.RoleName(roleName, "AssumeRoleName");
            var home = Get(options);
            if (string.Equals(await home.GetAccountIdAsync(cancellationToken).ConfigureAwait(false), accountId, StringComparison.Ordinal))
            {
                return home;
            }

            var key = home.Key + "/" + accountId + "/" + roleName;
            if (Connections.TryGetValue(key, out var existing))
            {
                return existing;
            }

            var roleArn = $"arn:{home.Partition.Name}:iam::{accountId}:role/{roleName}";
            var assumed = new AssumedRoleCredentials(home.StsClient, roleArn, "SsmHybridRole-" + DateTime.UtcNow.Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture), null);
            var (iamEndpoint, stsEndpoint, ssmEndpoint) = Endpoints(options);
            var created = Create(options, key, iamEndpoint, stsEndpoint, ssmEndpoint, (assumed, $"role {roleArn}, assumed with {home.CredentialSource}"));
            var winner = Connections.GetOrAdd(key, created);
            if (!ReferenceEquals(winner, created))
            {
                created.Dispose();
            }

            return winner;
        }

        private static (string? Iam, string? Sts, string? Ssm) Endpoints(ConnectionOptions options)
            => (FirstSet(options.EndpointUrl, Environment("AWS_ENDPOINT_URL_IAM"), Environment("AWS_ENDPOINT_URL")),
                FirstSet(options.EndpointUrl, Environment("AWS_ENDPOINT_URL_STS"), Environment("AWS_ENDPOINT_URL")),
                FirstSet(options.EndpointUrl, Environment("AWS_ENDPOINT_URL_SSM"), Environment("AWS_ENDPOINT_URL")));

        private static AwsConnection Create(ConnectionOptions options, string key, string? iamEndpoint, string? stsEndpoint, string? ssmEndpoint, (AWSCredentials Credentials, string Source)? credentialsOverride = null)
        {
            var region = ResolveRegion(options);
            var partition = region is null ? AwsPartition.Aws : AwsPartition.FromRegion(region);
            var stsRegion = region ?? partition.IamSigningRegion;
            AmazonSecurityTokenServiceClient StsClient(AWSCredentials caller)
                => new AmazonSecurityTokenServiceClient(caller, Point(new AmazonSecurityTokenServiceConfig(), stsRegion, stsEndpoint));

            var (credentials, source) = credentialsOverride ?? ResolveCredentials(options, new ProfileCredentials(options.ProfileLocation, StsClient, FirstSet(Environment("AWS_ENDPOINT_URL_SSO"), Environment("AWS_ENDPOINT_URL"))));

            var iam = new IdentityManagementServiceClient(credentials, Point(new IdentityManagementServiceConfig(), region ?? partition.IamSigningRegion, iamEndpoint));
            var description = $"credentials from {source}, Region {region ?? "(none; partition aws assumed)"}, IAM endpoint {iamEndpoint ?? partition.IamEndpoint}";
            AmazonSimpleSystemsManagementClient SsmClient(string ssmRegion)
                => new AmazonSimpleSystemsManagementClient(credentials, Point(new AmazonSimpleSystemsManagementConfig(), ssmRegion, ssmEndpoint));

            return new AwsConnection(key, iam, () => StsClient(credentials), SsmClient, region, partition, description, source);
        }

        /// <summary>
        /// Sets a client's Region and, when there is one, its endpoint override signed for that Region: the same
        /// for every client the module makes (IAM, STS, SSM, SSO).
        /// </summary>
        internal static T Point<T>(T config, string region, string? endpoint)
            where T : ClientConfig
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
            if (endpoint != null)
            {
                config.ServiceURL = endpoint;
                config.AuthenticationRegion = region;
            }

            return config;
        }

        private static void ValidateExplicitKeys(ConnectionOptions options)
        {
            if (!string.IsNullOrEmpty(options.AccessKey) && string.IsNullOrEmpty(options.SecretKey))
            {
                throw new InvalidParameterException("MissingSecretKey", "SecretKey", null, "-AccessKey needs -SecretKey too");
            }

            if (string.IsNullOrEmpty(options.AccessKey) && (!string.IsNullOrEmpty(options.SecretKey) || !string.IsNullOrEmpty(options.SessionToken)))
            {
                throw new InvalidParameterException("MissingAccessKey", "AccessKey", null, "-SecretKey and -SessionToken need -AccessKey too");
            }

            if (options.Region != null)
            {
                IamInputRules.Region(options.Region);
            }
        }

        private static (AWSCredentials Credentials, string Source) ResolveCredentials(ConnectionOptions options, ProfileCredentials profiles)
        {
            if (!string.IsNullOrEmpty(options.AccessKey))
            {
                var masked = ConnectionOptions.MaskAccessKey(options.AccessKey!);
                return string.IsNullOrEmpty(options.SessionToken)
                    ? (new BasicAWSCredentials(options.AccessKey, options.SecretKey), "-AccessKey " + masked)
                    : (new SessionAWSCredentials(options.AccessKey, options.SecretKey, options.SessionToken), "-AccessKey " + masked + " with a session token");
            }

            if (options.ExternalCredentials != null)
            {
                return (new ExternalAwsCredentials(options.ExternalCredentials), "-Credential");
            }

            var profileName = FirstSet(options.ProfileName, options.StoredProfileName);
            if (profileName != null)
            {
                return profiles.Resolve(profileName);
            }

            var accessKey = Environment("AWS_ACCESS_KEY_ID");
            var secretKey = Environment("AWS_SECRET_ACCESS_KEY");
            if (!string.IsNullOrEmpty(accessKey) && !string.IsNullOrEmpty(secretKey))
            {
                var token = Environment("AWS_SESSION_TOKEN");
                return (string.IsNullOrEmpty(token) ? new BasicAWSCredentials(accessKey, secretKey) : new SessionAWSCredentials(accessKey, secretKey, token), "AWS_ACCESS_KEY_ID " + ConnectionOptions.MaskAccessKey(accessKey!));
            }

            // AWS_PROFILE, or the default profile when it exists; each through the same profile rules as -ProfileName.
            var environmentProfile = Environment("AWS_PROFILE");
            if (!string.IsNullOrEmpty(environmentProfile))
            {
                return profiles.Resolve(environmentProfile!);
            }

            if (profiles.TryGetProfile("default", out _))
            {
                return profiles.Resolve("default");
            }

            try
            {
                // Container and instance credentials, last.
                return (DefaultAWSCredentialsIdentityResolver.GetCredentials(), "the SDK's default chain");
            }
            catch (AmazonClientException e)
            {
                throw new SsmHybridRoleException("NoCredentials", FailureKind.Authentication, Messages.NoCredentials(e.Message), null, Messages.NoCredentialsAction, e);
            }
        }

        /// <summary>The Region these options lead to, without resolving credentials or sending anything.</summary>
        public static string? ResolveRegionOnly(ConnectionOptions options)
        {
            if (options is null)
            {
                throw new ArgumentNullException(nameof(options));
            }

            ValidateExplicitKeys(options);
            return ResolveRegion(options);
        }

        private static string? ResolveRegion(ConnectionOptions options)
        {
            var region = FirstSet(options.Region, options.StoredRegion);
            if (region != null)
            {
                return region;
            }

            var profileName = FirstSet(options.ProfileName, options.StoredProfileName, Environment("AWS_PROFILE"), "default");
            var chain = new CredentialProfileStoreChain(options.ProfileLocation);
            if (options.ProfileName != null && chain.TryGetProfile(profileName, out var named) && named.Region != null)
            {
                return named.Region.SystemName;
            }

            region = FirstSet(Environment("AWS_REGION"), Environment("AWS_DEFAULT_REGION"));
            if (region != null)
            {
                return region;
            }

            return chain.TryGetProfile(profileName, out var profile) ? profile.Region?.SystemName : null;
        }

        private static string? FirstSet(params string?[] values)
        {
            foreach (var value in values)
            {
                if (!string.IsNullOrWhiteSpace(value))
                {
                    return value;
                }
            }

            return null;
        }

        /// <summary>Everything that decides a connection, hashed so that no secret is kept as text.</summary>
        private static string Digest(ConnectionOptions options, string? iamEndpoint, string? stsEndpoint)
        {
            var text = string.Join(
                "\u001f",
                options.Region,
                options.StoredRegion,
                options.ProfileName,
                options.StoredProfileName,
                options.ProfileLocation,
                options.AccessKey,
                options.SecretKey,
                options.SessionToken,
                options.ExternalCredentialsIdentity is null ? null : System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(options.ExternalCredentialsIdentity).ToString(System.Globalization.CultureInfo.InvariantCulture),
                iamEndpoint,
                stsEndpoint,
                Environment("AWS_ACCESS_KEY_ID"),
                Environment("AWS_SECRET_ACCESS_KEY"),
                Environment("AWS_SESSION_TOKEN"),
                Environment("AWS_PROFILE"),
                Environment("AWS_REGION"),
                Environment("AWS_DEFAULT_REGION"));
            using var sha = SHA256.Create();
            return BitConverter.ToString(sha.ComputeHash(Encoding.UTF8.GetBytes(text))).Replace("-", string.Empty);
        }

        /// <summary>Credentials read from another module's object each time the SDK asks (it may refresh them).</summary>
        private sealed class ExternalAwsCredentials : AWSCredentials
        {
            private readonly Func<KeyTriple> read;

            public ExternalAwsCredentials(Func<KeyTriple> read) => this.read = read;

            public override ImmutableCredentials GetCredentials()
            {
                var keys = read();
                return new ImmutableCredentials(keys.AccessKey, keys.SecretKey, keys.SessionToken);
            }
        }
    }
}
