namespace SsmHybridRole.Engine.Accounts
{
    /// <summary>Where a task runs: the caller's own account, or a list of accounts reached through an assumed role.</summary>
    internal sealed class AccountScope
    {
        public AccountScope(IReadOnlyList<string>? accountIds, string assumeRoleName = KnownNames.DefaultAssumeRoleName, int throttleLimit = 4, AccountTask task = AccountTask.Check)
        {
            AccountIds = accountIds ?? Array.Empty<string>();
            AssumeRoleName = assumeRoleName;
            ThrottleLimit = throttleLimit;
            Work = task;
        }

        /// <summary>The caller's own account, through the connection as it is.</summary>
        public static AccountScope Caller { get; } = new AccountScope(null);

        /// <summary>Empty for the caller's own account.</summary>
        public IReadOnlyList<string> AccountIds { get; }

        public string AssumeRoleName { get; }

        public int ThrottleLimit { get; }

        /// <summary>What is done in each account: it decides the session policy of the assumed role.</summary>
        public AccountTask Work { get; }

        public bool IsCallerOnly => AccountIds.Count == 0;
    }

    /// <summary>
    /// Runs the same work in many accounts, as StackSets or a script that assumes a role into each would:
    /// a few accounts at a time, each through its own assumed-role connection, whose session policy allows only
    /// the task's actions and whose SourceIdentity names the caller. A failure in one account is
    /// reported for that account and does not stop the others. The caller's own account is a fan-out of one:
    /// the same path, with its account id null, no assumed role, and a failure that stops the command when
    /// nothing after it could succeed.
    /// </summary>
    internal static class AccountFanOut
    {
        public static async Task RunAsync<T>(
            ConnectionOptions options,
            AccountScope scope,
            Func<AwsConnection, string?, Task<T>> work,
            Action<string?, T> onResult,
            Action<string?, Exception> onFailure,
            IOperationReporter reporter,
            CancellationToken cancellationToken)
        {
            if (scope is null || work is null || onResult is null || onFailure is null)
            {
                throw new ArgumentNullException(scope is null ? nameof(scope) : work is null ? nameof(work) : onResult is null ? nameof(onResult) : nameof(onFailure));
            }

            if (scope.IsCallerOnly)
            {
                await RunForCallerAsync(options, work, onResult, onFailure).ConfigureAwait(false);
                return;
            }

            reporter ??= SilentReporter.Instance;
            Validate(scope);
            var accounts = scope.AccountIds.Distinct(StringComparer.Ordinal).ToList();
            var sessionPolicy = MemberAccountPolicy.For(scope.Work);
            var activity = "Working in " + accounts.Count + " accounts";
            using var gate = new SemaphoreSlim(scope.ThrottleLimit);
            var finished = 0;
            reporter.Progress(new OperationProgress(ActivityIds.Accounts, activity, "Starting", 0));
            var runs = accounts.Select(async accountId =>
            {
                await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    reporter.Verbose($"Account {accountId}: connecting as role '{scope.AssumeRoleName}' unless it is the caller's own.");
                    var connection = await ConnectionCache.ForAccountAsync(options, accountId, scope.AssumeRoleName, sessionPolicy, cancellationToken).ConfigureAwait(false);
                    onResult(accountId, await work(connection.InAccount(accountId), accountId).ConfigureAwait(false));
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    onFailure(accountId, ServiceErrorTranslator.Translate(e, "sts:AssumeRole", CallTarget.Named("account " + accountId)));
                }
                finally
                {
                    gate.Release();
                    var count = Interlocked.Increment(ref finished);
                    reporter.Progress(new OperationProgress(ActivityIds.Accounts, activity, $"{count} of {accounts.Count} done", 100 * count / accounts.Count));
                }
            }).ToList();
            try
            {
                await Task.WhenAll(runs).ConfigureAwait(false);
            }
            finally
            {
                reporter.Progress(new OperationProgress(ActivityIds.Accounts, activity, "Done", Completed: true));
            }
        }

        /// <summary>The fan-out of one: a failure is the caller's to report, unless nothing after it could succeed.</summary>
        private static async Task RunForCallerAsync<T>(ConnectionOptions options, Func<AwsConnection, string?, Task<T>> work, Action<string?, T> onResult, Action<string?, Exception> onFailure)
        {
            T result;
            try
            {
                result = await work(ConnectionCache.Get(options), null).ConfigureAwait(false);
            }
            catch (SsmHybridRoleException e) when (!e.IsTerminating)
            {
                onFailure(null, e);
                return;
            }

            onResult(null, result);
        }

        private static void Validate(AccountScope scope)
        {
            foreach (var accountId in scope.AccountIds)
            {
                InputRules.AccountId(accountId);
            }

            InputRules.RoleName(scope.AssumeRoleName, "AssumeRoleName");
            InputRules.ThrottleLimit(scope.ThrottleLimit);
        }
    }
}
