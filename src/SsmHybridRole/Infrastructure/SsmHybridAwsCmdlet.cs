using System.Collections;
using SsmHybridRole.Engine.Accounts;
using SsmHybridRole.Engine.Connections;
using SsmHybridRole.Engine.Reporting;
using SsmHybridRole.Engine.Roles;
using SsmHybridRole.Engine.Validation;

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
        private static readonly string[] SecretParameters = { "SecretKey", "SessionToken" };
        private AwsConnection? connection;
        private Hashtable? connectionParameters;

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

        /// <summary>The endpoint of the command's own service (IAM; SSM for activations), such as a local test endpoint.</summary>
        [Parameter]
        public string? EndpointUrl { get; set; }

        /// <summary>The STS endpoint (the account lookup and roles assumed in other accounts), such as an STS VPC endpoint.</summary>
        [Parameter]
        public string? StsEndpointUrl { get; set; }

        /// <summary>The service -EndpointUrl reaches: IAM, unless the command works with another service.</summary>
        internal virtual ServiceId EndpointService => ServiceId.Iam;

        /// <summary>
        /// Keeps the connection parameters for this command, then masks -SecretKey and -SessionToken in the bound
        /// parameters: ErrorRecords in $Error keep this command's InvocationInfo, and must not keep the secrets.
        /// </summary>
        protected override void BeginProcessing()
        {
            connectionParameters = new Hashtable(StringComparer.OrdinalIgnoreCase);
            foreach (var bound in MyInvocation.BoundParameters)
            {
                connectionParameters[bound.Key] = bound.Value;
            }

            foreach (var name in SecretParameters)
            {
                if (MyInvocation.BoundParameters.ContainsKey(name))
                {
                    MyInvocation.BoundParameters[name] = CommandText.MaskedSecret;
                }
            }

            base.BeginProcessing();
        }

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
        internal T RunWithConnection<T>(Func<AwsConnection, EngineCall, CancellationToken, Task<T>> work, Func<AwsConnection, T, IOperationReporter, CancellationToken, Task>? undo = null)
        {
            var made = GetConnection();
            return RunEngine(
                (call, cancel) => CredentialContext.RunAsync(MfaPrompt(call), () => work(made, call, cancel), cancel, call),
                undo is null ? null : (result, reporter, cancel) => undo(made, result, reporter, cancel));
        }

        internal void RunWithConnection(Func<AwsConnection, EngineCall, CancellationToken, Task> work)
            => RunWithConnection(async (made, call, cancel) =>
            {
                await work(made, call, cancel).ConfigureAwait(false);
                return true;
            });

        internal T RunService<T>(Func<HybridRoleService, EngineCall, CancellationToken, Task<T>> work)
            => RunWithConnection((made, call, cancel) => work(new HybridRoleService(made, call), call, cancel));

        /// <summary>
        /// Refuses a role that a piped object places in another account: this command works only in the account of
        /// its credentials (see <see cref="RoleAccountCheck"/>). Typed names and rows without an account pass unasked.
        /// </summary>
        internal void RefuseRoleOfOtherAccount(string? roleAccountId, string roleName)
        {
            if (!string.IsNullOrWhiteSpace(roleAccountId))
            {
                RunWithConnection((connection, call, cancel) => RoleAccountCheck.RefuseOtherAccountAsync(connection, call, roleName, roleAccountId, cancel));
            }
        }

        /// <summary>
        /// Takes back a role this command created but could not report: it must not stay behind unnamed, and the
        /// user is told that it was removed (or what remains), through <paramref name="reporter"/>, even after Ctrl+C.
        /// </summary>
        internal static Task UndoCreation(AwsConnection connection, HybridRole role, IOperationReporter reporter, CancellationToken cancellationToken)
            => new HybridRoleService(connection, reporter).UndoCreationAsync(role.RoleName, cancellationToken);

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
            RunEngine((call, cancel) => CredentialContext.RunAsync(
                MfaPrompt(call),
                async () =>
                {
                    await AccountFanOut.RunAsync(
                        options,
                        scope,
                        (made, account) => work(made, account, call, cancel),
                        (account, result) => call.PostResult(() => onResult(account, result), undoOf?.Invoke(result)),
                        (account, failure) => call.Post(() => WriteFailure(account, failure)),
                        call,
                        cancel).ConfigureAwait(false);
                    return true;
                },
                cancel,
                call));
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
            => ConnectionParameters.FromBound((IDictionary?)connectionParameters ?? MyInvocation.BoundParameters, ConnectionRegion, SessionState.PSVariable.GetValue, EndpointService);

        /// <summary>
        /// Asks for an MFA code on the pipeline thread (the only one that may use the host), from the engine thread
        /// that needs it. A host that cannot ask (-NonInteractive, a job, a hosted runspace) gives no code, and the
        /// engine then says that the profile needs one.
        /// </summary>
        private Func<string, CancellationToken, Task<string?>> MfaPrompt(EngineCall call)
            => (mfaSerial, cancel) =>
            {
                var answer = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
                cancel.Register(() => answer.TrySetCanceled());
                call.Post(() =>
                {
                    try
                    {
                        // Prompt, not Write and ReadLine: a host that cannot ask refuses before it shows anything.
                        var fields = new System.Collections.ObjectModel.Collection<System.Management.Automation.Host.FieldDescription> { new System.Management.Automation.Host.FieldDescription(CommandText.MfaCodeField) };
                        var answers = Host.UI.Prompt(string.Empty, CommandText.MfaPrompt(mfaSerial), fields);
                        answer.TrySetResult(answers != null && answers.TryGetValue(CommandText.MfaCodeField, out var code) ? code?.ToString() : null);
                    }
                    catch (Exception e) when (e is PSInvalidOperationException or NotImplementedException or System.Management.Automation.Host.HostException or InvalidOperationException)
                    {
                        answer.TrySetResult(null);
                    }
                });
                return answer.Task;
            };
    }
}
