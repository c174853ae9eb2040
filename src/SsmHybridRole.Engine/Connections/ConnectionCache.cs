using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SimpleSystemsManagement;

namespace SsmHybridRole.Engine.Connections
{
    /// <summary>
    /// Makes connections from what the caller said (<see cref="ConnectionOptions"/>) and keeps one per distinct
    /// outcome for the life of the session, so every cmdlet call after the first reuses its clients.
    /// </summary>
    internal static class ConnectionCache
    {
        private static readonly ConcurrentDictionary<string, AwsConnection> Connections = new ConcurrentDictionary<string, AwsConnection>(StringComparer.Ordinal);

        public static AwsConnection Get(ConnectionOptions options)
        {
            if (options is null)
            {
                throw new ArgumentNullException(nameof(options));
            }

            CredentialChain.ValidateExplicitKeys(options);
            var endpoints = ServiceEndpoints.Resolve(options);
            return GetOrAdd(Digest(options, endpoints), key => Create(options, key, endpoints, null));
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
            InputRules.AccountId(accountId);
            InputRules.RoleName(roleName, "AssumeRoleName");
            var home = Get(options);
            if (string.Equals(await home.GetAccountIdAsync(cancellationToken).ConfigureAwait(false), accountId, StringComparison.Ordinal))
            {
                return home;
            }

            var roleArn = Arn.Role(home.Partition, accountId, roleName);
            var sessionName = "SsmHybridRole-" + DateTime.UtcNow.Ticks.ToString(CultureInfo.InvariantCulture);
            return GetOrAdd(
                home.Key + "/" + accountId + "/" + roleName,
                key => Create(options, key, ServiceEndpoints.Resolve(options), (new AssumedRoleCredentials(home.StsClient, roleArn, sessionName, null), new CredentialSource(CredentialSourceKind.AssumedRole, roleArn, Via: home.CredentialSource))));
        }

        private static AwsConnection GetOrAdd(string key, Func<string, AwsConnection> create)
        {
            if (Connections.TryGetValue(key, out var existing))
            {
                return existing;
            }

            var created = create(key);
            var winner = Connections.GetOrAdd(key, created);
            if (!ReferenceEquals(winner, created))
            {
                created.Dispose();
            }

            return winner;
        }

        private static AwsConnection Create(ConnectionOptions options, string key, ServiceEndpoints endpoints, (AWSCredentials Credentials, CredentialSource Source)? credentialsOverride)
        {
            var region = RegionResolver.Resolve(options);
            var partition = region is null ? AwsPartition.Aws : AwsPartition.FromRegion(region);
            var signingRegion = region ?? partition.IamSigningRegion;
            AmazonSecurityTokenServiceClient StsClient(AWSCredentials caller)
                => new AmazonSecurityTokenServiceClient(caller, ClientConfiguration.Point(new AmazonSecurityTokenServiceConfig(), signingRegion, endpoints.Sts));

            var (credentials, source) = credentialsOverride ?? CredentialChain.Resolve(options, new ProfileCredentials(options.ProfileLocation, StsClient, endpoints.Sso));
            var iam = new IdentityManagementServiceClient(credentials, ClientConfiguration.Point(new IdentityManagementServiceConfig(), signingRegion, endpoints.Iam));
            AmazonSimpleSystemsManagementClient SsmClient(string ssmRegion)
                => new AmazonSimpleSystemsManagementClient(credentials, ClientConfiguration.Point(new AmazonSimpleSystemsManagementConfig(), ssmRegion, endpoints.Ssm));

            return new AwsConnection(key, iam, () => StsClient(credentials), SsmClient, region, partition, endpoints.Iam ?? partition.IamEndpoint, source);
        }

        /// <summary>Everything that decides a connection, hashed so that no secret is kept as text.</summary>
        private static string Digest(ConnectionOptions options, ServiceEndpoints endpoints)
        {
            var read = EnvironmentVariables.Read;
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
                options.ExternalCredentialsIdentity is null ? null : System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(options.ExternalCredentialsIdentity).ToString(CultureInfo.InvariantCulture),
                endpoints.Key,
                read("AWS_ACCESS_KEY_ID"),
                read("AWS_SECRET_ACCESS_KEY"),
                read("AWS_SESSION_TOKEN"),
                read("AWS_PROFILE"),
                read("AWS_REGION"),
                read("AWS_DEFAULT_REGION"));
            using var sha = SHA256.Create();
            return BitConverter.ToString(sha.ComputeHash(Encoding.UTF8.GetBytes(text))).Replace("-", string.Empty);
        }
    }
}
