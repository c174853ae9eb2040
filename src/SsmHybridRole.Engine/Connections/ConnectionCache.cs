using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Amazon.Runtime;

namespace SsmHybridRole.Engine.Connections
{
    /// <summary>
    /// Makes connections from what the caller said (<see cref="ConnectionOptions"/>) and keeps one per distinct
    /// outcome for the life of the session, so every cmdlet call after the first reuses its clients. The key holds
    /// everything that decides the outcome: the options, the variables the chain reads, a unique id for each
    /// credentials object, and the state of the config and credentials files (rotated keys are picked up).
    /// </summary>
    internal static class ConnectionCache
    {
        private static readonly ConcurrentDictionary<string, AwsConnection> Connections = new ConcurrentDictionary<string, AwsConnection>(StringComparer.Ordinal);
        private static readonly ConditionalWeakTable<object, string> ObjectIds = new ConditionalWeakTable<object, string>();

        private static readonly string[] ChainVariables =
        {
            "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_REGION", "AWS_DEFAULT_REGION",
            "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_ARN", "AWS_ROLE_SESSION_NAME", "AWS_CONTAINER_CREDENTIALS_FULL_URI",
            "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_AUTHORIZATION_TOKEN", "AWS_EC2_METADATA_SERVICE_ENDPOINT",
            "AWS_EC2_METADATA_DISABLED", "HOME",
        };

        public static AwsConnection Get(ConnectionOptions options)
        {
            if (options is null)
            {
                throw new ArgumentNullException(nameof(options));
            }

            CredentialChain.ValidateExplicitKeys(options);
            var config = SharedConfig.Load(options.ProfileLocation);
            var endpoints = ServiceEndpoints.Resolve(options, config, CredentialChain.SettingsProfile(options));
            var http = HttpSettings.Resolve(options.StoredProxy);
            return GetOrAdd(Digest(options, endpoints, http, config), key => Create(options, key, config, endpoints, http, null));
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
        /// AWS Organizations), with <paramref name="sessionPolicy"/> limiting what the session may do and the
        /// caller named as its SourceIdentity. Kept per account, role and policy like every other connection.
        /// </summary>
        public static async Task<AwsConnection> ForAccountAsync(ConnectionOptions options, string accountId, string roleName, string? sessionPolicy, CancellationToken cancellationToken)
        {
            InputRules.AccountId(accountId);
            InputRules.RoleName(roleName, "AssumeRoleName");
            var home = Get(options);
            if (string.Equals(home.KnownAccountId ?? await home.GetAccountIdAsync(cancellationToken).ConfigureAwait(false), accountId, StringComparison.Ordinal))
            {
                return home;
            }

            var roleArn = Arn.Role(home.Partition, accountId, roleName);
            var settings = new AssumeRoleSettings(roleArn, "SsmHybridRole-" + DateTime.UtcNow.Ticks.ToString(CultureInfo.InvariantCulture))
            {
                Policy = sessionPolicy,
                SourceIdentity = SourceIdentityOf(await home.GetCallerArnAsync(cancellationToken).ConfigureAwait(false)),
            };
            var config = SharedConfig.Load(options.ProfileLocation);
            var endpoints = ServiceEndpoints.Resolve(options, config, CredentialChain.SettingsProfile(options));
            var http = HttpSettings.Resolve(options.StoredProxy);
            return GetOrAdd(
                home.Key + "/" + accountId + "/" + roleName + "/" + Hash(sessionPolicy ?? string.Empty),
                key => Create(options, key, config, endpoints, http, (new AssumedRoleCredentials(home.StsClient, settings), new CredentialSource(CredentialSourceKind.AssumedRole, roleArn, Via: home.CredentialSource))));
        }

        /// <summary>
        /// The caller, as STS SourceIdentity allows it (2 to 64 of letters, digits and _+=,.@-): the last part of the
        /// caller's ARN, the user name or the session name of an assumed role (often a person's e-mail address).
        /// </summary>
        internal static string SourceIdentityOf(string callerArn)
        {
            var resource = Arn.Parse(callerArn)?.Resource ?? callerArn ?? string.Empty;
            var name = new string(resource.Substring(resource.LastIndexOf('/') + 1).Where(c => char.IsLetterOrDigit(c) && c < 128 || "_+=,.@-".IndexOf(c) >= 0).ToArray());
            name = name.Length < 2 ? "caller-" + name : name;
            return name.Length > 64 ? name.Substring(0, 64) : name;
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

        private static AwsConnection Create(ConnectionOptions options, string key, SharedConfig config, ServiceEndpoints endpoints, HttpSettings http, (AWSCredentials Credentials, CredentialSource Source)? credentialsOverride)
        {
            var region = RegionResolver.Resolve(options);
            var partition = region is null ? AwsPartition.Aws : AwsPartition.FromRegion(region);
            var clients = new ClientFactory(region ?? partition.HomeRegion, endpoints, http);
            var (credentials, source) = credentialsOverride ?? CredentialChain.Resolve(options, new ProfileCredentials(options.ProfileLocation, config, clients), clients);
            return new AwsConnection(key, clients.Iam(credentials), () => clients.Sts(credentials), ssmRegion => clients.Ssm(credentials, ssmRegion), region, partition, endpoints.Iam ?? partition.Iam(endpoints.UseFips).Url, source);
        }

        /// <summary>Everything that decides a connection, hashed so that no secret is kept as text.</summary>
        private static string Digest(ConnectionOptions options, ServiceEndpoints endpoints, HttpSettings http, SharedConfig config)
        {
            var parts = new List<string?>
            {
                options.Region, options.StoredRegion, options.ProfileName, options.StoredProfileName, options.ProfileLocation,
                options.AccessKey, options.SecretKey, options.SessionToken,
                IdentityOf(options.ExternalCredentialsIdentity), IdentityOf(options.StoredCredentials?.Identity),
                endpoints.Key, http.Key, config.Stamp,
            };
            parts.AddRange(ChainVariables.Select(EnvironmentVariables.Read));
            return Hash(string.Join("\u001f", parts));
        }

        /// <summary>A unique id per object for as long as it lives: two objects never share one (a hash code can).</summary>
        private static string? IdentityOf(object? value) => value is null ? null : ObjectIds.GetValue(value, _ => Guid.NewGuid().ToString("N"));

        private static string Hash(string text)
        {
            using var sha = SHA256.Create();
            return BitConverter.ToString(sha.ComputeHash(Encoding.UTF8.GetBytes(text))).Replace("-", string.Empty);
        }
    }
}
