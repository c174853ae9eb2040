using SsmHybridRole.Engine.Accounts;
using SsmHybridRole.Engine.Connections;
using SsmHybridRole.Engine.Reporting;
using SsmHybridRole.Engine.Roles;

namespace SsmHybridRole.Infrastructure
{
    /// <summary>
    /// Cmdlets that call AWS with the common -Region parameter (a single Region, alias RegionToCall).
    /// </summary>
    public abstract class SsmHybridAwsCmdlet : AwsConnectionCmdlet
    {
        /// <summary>The Region: it decides the partition and the default activation Region.</summary>
        [Parameter]
        [Alias("RegionToCall")]
        [ArgumentCompleter(typeof(RegionCompleter))]
        public string? Region { get; set; }

        protected override string? ConnectionRegion => Region;
    }

    /// <summary>
    /// Cmdlets that call AWS: the connection parameters of AWS Tools for PowerShell, with its aliases, and
    /// the session's $StoredAWSRegion / $StoredAWSCredentials when they are set. The Region parameter is the
    /// derived class's, as one cmdlet takes several Regions.
    /// </summary>
    public abstract class AwsConnectionCmdlet : SsmHybridCmdlet
    {
        private AwsConnection? connection;

        /// <summary>The Region the connection is made for, from the cmdlet's own Region parameter.</summary>
        protected abstract string? ConnectionRegion { get; }

        /// <summary>A profile from the SDK store or the shared credentials and config files.</summary>
        [Parameter]
        [Alias("StoredCredentials", "AWSProfileName")]
        public string? ProfileName { get; set; }

        /// <summary>A shared credentials file to look the profile up in.</summary>
        [Parameter]
        [Alias("AWSProfilesLocation", "ProfilesLocation")]
        public string? ProfileLocation { get; set; }

        [Parameter]
        [Alias("AK")]
        public string? AccessKey { get; set; }

        [Parameter]
        [Alias("SK", "SecretAccessKey")]
        public string? SecretKey { get; set; }

        [Parameter]
        [Alias("ST")]
        public string? SessionToken { get; set; }

        /// <summary>An AWSCredentials object (as AWS Tools makes them) or a PSCredential of access key and secret key.</summary>
        [Parameter]
        public object? Credential { get; set; }

        /// <summary>Another IAM/STS endpoint, such as a local test endpoint.</summary>
        [Parameter]
        public string? EndpointUrl { get; set; }

        /// <summary>The connection for these parameters, made on first use and shared across the session.</summary>
        internal AwsConnection GetConnection()
        {
            if (connection is null)
            {
                connection = ConnectionCache.Get(BuildConnectionOptions());
                WriteVerbose(CommandText.Using(connection));
            }

            return connection;
        }

        /// <summary>
        /// Runs an engine task with the connection. The connection is made first, here on the pipeline thread
        /// (it may write verbose text); the task itself runs off it and reports through the call.
        /// </summary>
        internal T RunWithConnection<T>(Func<AwsConnection, EngineCall, CancellationToken, Task<T>> work, Func<AwsConnection, T, CancellationToken, Task>? undo = null)
        {
            var made = GetConnection();
            return RunEngine((call, cancel) => work(made, call, cancel), undo is null ? null : (result, cancel) => undo(made, result, cancel));
        }

        internal void RunWithConnection(Func<AwsConnection, EngineCall, CancellationToken, Task> work)
            => RunWithConnection(async (made, call, cancel) =>
            {
                await work(made, call, cancel).ConfigureAwait(false);
                return true;
            });

        internal T RunService<T>(Func<HybridRoleService, EngineCall, CancellationToken, Task<T>> work)
            => RunWithConnection((made, call, cancel) => work(new HybridRoleService(made, call), call, cancel));

        /// <summary>Takes back a role this command created but could not report: it must not stay behind unnamed.</summary>
        internal static Task UndoCreation(AwsConnection connection, HybridRole role, CancellationToken cancellationToken)
            => new HybridRoleService(connection, SilentReporter.Instance).UndoCreationAsync(role.RoleName, cancellationToken);

        /// <summary>
        /// Runs <paramref name="work"/> in each account of <paramref name="scope"/> (the caller's own: with this
        /// command's connection, account null), handing each result to <paramref name="onResult"/> and writing
        /// each failure as an error, both on the pipeline thread.
        /// </summary>
        internal void RunInAccounts<T>(AccountScope scope, Func<AwsConnection, string?, EngineCall, CancellationToken, Task<T>> work, Action<string?, T> onResult, Func<T, Func<CancellationToken, Task>?>? undoOf = null)
        {
            if (scope.IsCallerOnly)
            {
                GetConnection();
            }

            var options = BuildConnectionOptions();
            RunEngine((call, cancel) => AccountFanOut.RunAsync(
                options,
                scope,
                (made, account) => work(made, account, call, cancel),
                (account, result) => call.PostResult(() => onResult(account, result), undoOf?.Invoke(result)),
                (account, failure) => call.Post(() => WriteFailure(account, failure)),
                call,
                cancel));
        }

        /// <summary>The same, for work that writes its own results as they come.</summary>
        internal void RunInAccounts(AccountScope scope, Func<AwsConnection, string?, EngineCall, CancellationToken, Task> work)
            => RunInAccounts(
                scope,
                async (made, account, call, cancel) =>
                {
                    await work(made, account, call, cancel).ConfigureAwait(false);
                    return true;
                },
                (account, done) => { });

        internal ConnectionOptions BuildConnectionOptions()
            => ConnectionParameters.FromBound(MyInvocation.BoundParameters, ConnectionRegion, SessionState.PSVariable.GetValue);
    }
}
