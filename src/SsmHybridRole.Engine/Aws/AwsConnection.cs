using System;
using System.Threading;
using System.Threading.Tasks;
using Amazon.SecurityToken;
using Amazon.SimpleSystemsManagement;
using Amazon.SecurityToken.Model;
using SsmHybridRole.Engine.Iam;
using SsmHybridRole.Engine.Policies;

namespace SsmHybridRole.Engine.Aws
{
    /// <summary>
    /// One resolved set of credentials, Region and endpoints with its IAM and STS clients. Reused for the
    /// session by <see cref="AwsConnectionFactory"/>; the account id is asked of STS once.
    /// </summary>
    public sealed class AwsConnection : IDisposable
    {
        private readonly Lazy<AmazonSecurityTokenServiceClient> sts;
        private readonly SemaphoreSlim accountLock = new SemaphoreSlim(1, 1);
        private string? accountId;

        private readonly Func<string, AmazonSimpleSystemsManagementClient> ssmFactory;
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, AmazonSimpleSystemsManagementClient> ssmClients = new System.Collections.Concurrent.ConcurrentDictionary<string, AmazonSimpleSystemsManagementClient>(StringComparer.Ordinal);

        internal AwsConnection(string key, IIdentityManagementService iam, Func<AmazonSecurityTokenServiceClient> stsFactory, Func<string, AmazonSimpleSystemsManagementClient> ssmFactory, string? region, AwsPartition partition, string description, string credentialSource)
        {
            CredentialSource = credentialSource;
            this.ssmFactory = ssmFactory;
            Key = key;
            Iam = iam;
            sts = new Lazy<AmazonSecurityTokenServiceClient>(stsFactory, LazyThreadSafetyMode.ExecutionAndPublication);
            Region = region;
            Partition = partition;
            Description = description;
        }

        /// <summary>A digest of everything the connection was built from; it holds no secret.</summary>
        public string Key { get; }

        public IIdentityManagementService Iam { get; }

        /// <summary>The Region in effect, or null when none was set anywhere.</summary>
        public string? Region { get; }

        public AwsPartition Partition { get; }

        /// <summary>Where requests go and with which identity source, for verbose text; never a secret.</summary>
        public string Description { get; }

        /// <summary>Where the credentials come from, for verbose text; never a secret.</summary>
        public string CredentialSource { get; }

        /// <summary>The STS client with this connection's credentials (for AssumeRole into other accounts).</summary>
        internal AmazonSecurityTokenServiceClient StsClient => sts.Value;

        /// <summary>The caller's account id, from STS GetCallerIdentity on first use.</summary>
        public async Task<string> GetAccountIdAsync(CancellationToken cancellationToken)
        {
            if (accountId != null)
            {
                return accountId;
            }

            await accountLock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (accountId == null)
                {
                    var identity = await sts.Value.GetCallerIdentityAsync(new GetCallerIdentityRequest(), cancellationToken).ConfigureAwait(false);
                    accountId = identity.Account;
                }

                return accountId;
            }
            finally
            {
                accountLock.Release();
            }
        }

        /// <summary>The Systems Manager client for a Region (SSM, unlike IAM, is regional), made once per Region.</summary>
        internal AmazonSimpleSystemsManagementClient Ssm(string region) => ssmClients.GetOrAdd(region, ssmFactory);

        public void Dispose()
        {
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
