using Amazon.Runtime;

namespace SsmHybridRole.Engine.Connections
{
    /// <summary>
    /// Base of the module's refreshing credentials (assumed roles, web identity, SSO, credential_process,
    /// metadata): each fetch runs within the bounded, cancellable wait of <see cref="CredentialContext"/>, and is
    /// renewed a little ahead of expiry, not the SDK's quarter of an hour (a 15-minute
    /// session, and its MFA prompt, would otherwise be renewed on every request).
    /// </summary>
    internal abstract class BoundedCredentials : RefreshingAWSCredentials
    {
        private readonly string source;

        protected BoundedCredentials(string source, TimeSpan renewBefore)
        {
            this.source = source;
            PreemptExpiryTime = renewBefore;
        }

        /// <summary>Fetches new credentials; <paramref name="cancellationToken"/> ends with the command or the time limit.</summary>
        protected abstract Task<CredentialsRefreshState> FetchAsync(CancellationToken cancellationToken);

        protected sealed override CredentialsRefreshState GenerateNewCredentials() => GenerateNewCredentialsAsync().GetAwaiter().GetResult();

        protected sealed override Task<CredentialsRefreshState> GenerateNewCredentialsAsync() => CredentialContext.WithinBoundAsync(source, FetchAsync);
    }
}
