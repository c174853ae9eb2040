using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace SsmHybridRole.Engine.Consistency
{
    /// <summary>
    /// IAM changes take seconds to reach every endpoint. Like Terraform, the module retries the failures that
    /// mean "not caught up yet" (see <see cref="TransientFailure"/>) with backoff, for a bounded time, and shows
    /// the wait as progress. It also remembers which roles this process made, because only for those does
    /// NoSuchEntity mean "wait" rather than "wrong name".
    /// </summary>
    internal static class EventualConsistency
    {
        private static readonly ConcurrentDictionary<string, DateTime> RecentlyCreated = new ConcurrentDictionary<string, DateTime>(StringComparer.Ordinal);

        /// <summary>How long to wait for IAM to propagate; SSMHYBRIDROLE_PROPAGATION_TIMEOUT (seconds) overrides the 2 minutes.</summary>
        public static TimeSpan Timeout { get; set; } = ReadTimeout();

        /// <summary>Remembers that this process created the role, so a NoSuchEntity for it soon after is worth waiting out.</summary>
        public static void NoteCreated(string connectionKey, string roleName) => RecentlyCreated[Key(connectionKey, roleName)] = DateTime.UtcNow;

        public static void NoteRemoved(string connectionKey, string roleName) => RecentlyCreated.TryRemove(Key(connectionKey, roleName), out _);

        /// <summary>True while a role this process created is younger than the propagation timeout.</summary>
        public static bool IsRecentlyCreated(string connectionKey, string roleName)
            => RecentlyCreated.TryGetValue(Key(connectionKey, roleName), out var created) && DateTime.UtcNow - created < Timeout;

        /// <summary>Runs <paramref name="operation"/>, retrying while a failure is one of <paramref name="transient"/>.</summary>
        internal static async Task<T> RetryAsync<T>(
            Func<Task<T>> operation,
            IReadOnlyList<TransientFailure> transient,
            IOperationReporter reporter,
            CancellationToken cancellationToken)
        {
            if (transient.Count == 0)
            {
                return await operation().ConfigureAwait(false);
            }

            var clock = Stopwatch.StartNew();
            var delay = TimeSpan.FromMilliseconds(500);
            var waited = false;
            try
            {
                while (true)
                {
                    TransientFailure? kind;
                    try
                    {
                        return await operation().ConfigureAwait(false);
                    }
                    catch (Exception e) when ((kind = transient.FirstOrDefault(t => t.Matches(e))) != null && clock.Elapsed + delay < Timeout)
                    {
                        waited = true;
                        var status = string.Format(CultureInfo.InvariantCulture, "{0}: {1:0} s of at most {2:0} s", kind.WaitingFor, clock.Elapsed.TotalSeconds, Timeout.TotalSeconds);
                        reporter.Verbose("IAM has not propagated yet (" + e.Message + "); retrying in " + delay.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + " s.");
                        reporter.Progress(new OperationProgress(
                            ActivityIds.Propagation,
                            "Waiting for IAM to propagate",
                            status,
                            (int)Math.Min(99, 100 * clock.Elapsed.TotalSeconds / Timeout.TotalSeconds),
                            (int)(Timeout - clock.Elapsed).TotalSeconds));
                        await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                        delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 8000));
                    }
                }
            }
            finally
            {
                if (waited)
                {
                    reporter.Progress(new OperationProgress(ActivityIds.Propagation, "Waiting for IAM to propagate", "Done", Completed: true));
                }
            }
        }

        private static string Key(string connectionKey, string roleName) => connectionKey + "/" + roleName.ToUpperInvariant();

        private static TimeSpan ReadTimeout()
            => double.TryParse(Environment.GetEnvironmentVariable("SSMHYBRIDROLE_PROPAGATION_TIMEOUT"), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0
                ? TimeSpan.FromSeconds(seconds)
                : TimeSpan.FromMinutes(2);
    }
}
