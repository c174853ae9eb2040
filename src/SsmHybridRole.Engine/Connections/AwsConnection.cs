using System.Collections.Concurrent;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using Amazon.SimpleSystemsManagement;

namespace SsmHybridRole.Engine.Connections
{
    /// <summary>
    /// One resolved set of credentials, Region and endpoints with its IAM, STS and SSM clients. Kept for the
    /// session by <see cref="ConnectionCache"/>; the account id is asked of STS once. Services reach the
    /// clients only through the gateway.
    /// </summary>
    internal sealed class AwsConnection : IDisposable
    {
        private readonly Lazy<AmazonSecurityTokenServiceClient> sts;
        private readonly SemaphoreSlim accountLock = new SemaphoreSlim(1, 1);
        private readonly Func<string, AmazonSimpleSystemsManagementClient> ssmFactory;
        private readonly ConcurrentDictionary<string, AmazonSimpleSystemsManagementClient> ssmClients;
        private readonly bool ownsClients = true;
        private string? accountId;
        private string? callerArn;

        internal AwsConnection(string key, IIdentityManagementService iam, Func<AmazonSecurityTokenServiceClient> stsFactory, Func<string, AmazonSimpleSystemsManagementClient> ssmFactory, string? region, AwsPartition partition, string iamEndpoint, CredentialSource credentialSource)
        {
            Key = key;
            Iam = iam;
            sts = new Lazy<AmazonSecurityTokenServiceClient>(stsFactory, LazyThreadSafetyMode.ExecutionAndPublication);
            this.ssmFactory = ssmFactory;
            Region = region;
            Partition = partition;
            IamEndpoint = iamEndpoint;
            CredentialSource = credentialSource;
            ssmClients = new ConcurrentDictionary<string, AmazonSimpleSystemsManagementClient>(StringComparer.Ordinal);
        }

        /// <summary>The same connection (clients, credentials, key) named as working in <paramref name="account"/>.</summary>
        private AwsConnection(AwsConnection source, string account)
            : this(source.Key, source.Iam, () => source.sts.Value, source.ssmFactory, source.Region, source.Partition, source.IamEndpoint, source.CredentialSource)
        {
            sts = source.sts;
            ssmClients = source.ssmClients;
            ownsClients = false;
            accountId = account;
            WorkingAccount = account;
        }

        /// <summary>A digest of everything the connection was built from; it holds no secret.</summary>
        public string Key { get; }

        /// <summary>The Region in effect, or null when none was set anywhere.</summary>
        public string? Region { get; }

        public AwsPartition Partition { get; }

        /// <summary>Where IAM requests go: the override, or the partition's endpoint.</summary>
        public string IamEndpoint { get; }

        /// <summary>Where the credentials come from, for verbose text; never a secret.</summary>
        public CredentialSource CredentialSource { get; }

        /// <summary>The caller's account id once STS has told it; null before.</summary>
        public string? KnownAccountId => accountId;

        /// <summary>
        /// The account this connection works in for a command that works in several (-AccountId), so that what it
        /// reports names the account; null for a command that works in the caller's own account only.
        /// </summary>
        public string? WorkingAccount { get; }

        /// <summary>This connection, as used in <paramref name="account"/> by a command that works in several accounts.</summary>
        public AwsConnection InAccount(string account) => WorkingAccount == account ? this : new AwsConnection(this, account);

        /// <summary>The raw IAM client: the gateway wraps it for the services.</summary>
        internal IIdentityManagementService Iam { get; }

        /// <summary>The STS client with this connection's credentials (for AssumeRole into other accounts).</summary>
        internal AmazonSecurityTokenServiceClient StsClient => sts.Value;

        /// <summary>The caller's account id, from STS GetCallerIdentity on first use.</summary>
        public async Task<string> GetAccountIdAsync(CancellationToken cancellationToken)
        {
            await GetCallerArnAsync(cancellationToken).ConfigureAwait(false);
            return accountId!;
        }

        /// <summary>Who the caller is (a user, or an assumed role's session), from the same STS GetCallerIdentity.</summary>
        public async Task<string> GetCallerArnAsync(CancellationToken cancellationToken)
        {
            if (callerArn != null)
            {
                return callerArn;
            }

            await accountLock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (callerArn == null)
                {
                    var identity = await InFlight.UntilStopped(sts.Value.GetCallerIdentityAsync(new GetCallerIdentityRequest(), CancellationToken.None), cancellationToken).ConfigureAwait(false);
                    accountId = identity.Account;
                    callerArn = identity.Arn;
                }

                return callerArn;
            }
            finally
            {
                accountLock.Release();
            }
        }

        /// <summary>
        /// Takes the account id from the ARN of something this connection has just created, which is in the
        /// caller's account, so that a later step needs no STS call to learn it.
        /// </summary>
        public void LearnAccountFrom(string? createdArn)
        {
            if (accountId == null && Arn.Parse(createdArn) is { } parts && parts.Account.Length == 12 && parts.Account.All(char.IsDigit))
            {
                Interlocked.CompareExchange(ref accountId, parts.Account, null);
            }
        }

        /// <summary>The Systems Manager client for a Region (SSM, unlike IAM, is regional), made once per Region.</summary>
        internal AmazonSimpleSystemsManagementClient Ssm(string region) => ssmClients.GetOrAdd(region, ssmFactory);

        public void Dispose()
        {
            if (!ownsClients)
            {
                return;
            }

            Iam.Dispose();
            foreach (var client in ssmClients.Values)
            {
                client.Dispose();
            }

            if (sts.IsValueCreated)
            {
                sts.Value.Dispose();
            }

            accountLock.Dispose();
        }
    }
}
