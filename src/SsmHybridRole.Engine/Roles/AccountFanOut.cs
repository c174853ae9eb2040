using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SsmHybridRole.Engine.Aws;
using SsmHybridRole.Engine.Errors;
using SsmHybridRole.Engine.Policies;

namespace SsmHybridRole.Engine.Roles
{
    /// <summary>
    /// Runs the same work in many accounts, as StackSets or a script that assumes a role into each would:
    /// a few accounts at a time, each through its own assumed-role connection. A failure in one account is
    /// reported for that account and does not stop the others.
    /// </summary>
    public static class AccountFanOut
    {
        public const string DefaultAssumeRoleName = "OrganizationAccountAccessRole";

        public static async Task RunAsync<T>(
            ConnectionOptions options,
            IReadOnlyList<string> accountIds,
            string assumeRoleName,
            int throttleLimit,
            Func<AwsConnection, string, Task<T>> work,
            Action<string, T> onResult,
            Action<string, Exception> onFailure,
            IOperationReporter reporter,
            CancellationToken cancellationToken)
        {
            if (accountIds is null || work is null || onResult is null || onFailure is null)
            {
                throw new ArgumentNullException(accountIds is null ? nameof(accountIds) : work is null ? nameof(work) : onResult is null ? nameof(onResult) : nameof(onFailure));
            }

            reporter ??= SilentReporter.Instance;
            foreach (var accountId in accountIds)
            {
                IamInputRules.AccountId(accountId);
            }

            IamInputRules.RoleName(assumeRoleName, "AssumeRoleName");
            if (throttleLimit < 1 || throttleLimit > 64)
            {
                throw new InvalidParameterException("InvalidThrottleLimit", "ThrottleLimit", throttleLimit, "between 1 and 64 accounts are worked on at once");
            }

            var accounts = accountIds.Distinct(StringComparer.Ordinal).ToList();
            using var gate = new SemaphoreSlim(throttleLimit);
            var finished = 0;
            reporter.Progress(new OperationProgress(ActivityIds.Accounts, "Working in " + accounts.Count + " accounts", "Starting", 0));
            var runs = accounts.Select(async accountId =>
            {
                await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    reporter.Verbose($"Account {accountId}: connecting as role '{assumeRoleName}' unless it is the caller's own.");
                    var connection = await IamCall.RunAsync(() => AwsConnectionFactory.ForAccountAsync(options, accountId, assumeRoleName, cancellationToken), "sts:AssumeRole", null).ConfigureAwait(false);
                    onResult(accountId, await work(connection, accountId).ConfigureAwait(false));
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    onFailure(accountId, IamErrorTranslator.Translate(e, "account " + accountId, null));
                }
                finally
                {
                    gate.Release();
                    var count = Interlocked.Increment(ref finished);
                    reporter.Progress(new OperationProgress(ActivityIds.Accounts, "Working in " + accounts.Count + " accounts", $"{count} of {accounts.Count} done", 100 * count / accounts.Count));
                }
            }).ToList();
            try
            {
                await Task.WhenAll(runs).ConfigureAwait(false);
            }
            finally
            {
                reporter.Progress(new OperationProgress(ActivityIds.Accounts, "Working in " + accounts.Count + " accounts", "Done", completed: true));
            }
        }
    }
}
