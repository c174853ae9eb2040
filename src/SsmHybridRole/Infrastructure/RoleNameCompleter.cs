using System.Collections;
using System.Collections.Concurrent;
using System.Management.Automation.Language;
using SsmHybridRole.Engine.Connections;
using SsmHybridRole.Engine.Reporting;
using SsmHybridRole.Engine.Roles;

namespace SsmHybridRole.Infrastructure
{
    /// <summary>
    /// Completes -RoleName with the roles in the account whose trust lets SSM assume them, reached with the
    /// same connection parameters and session state as the command itself. The list is kept for a minute per
    /// connection, and Tab never waits for IAM longer than a moment: a slow answer fills the cache for the next
    /// Tab instead. Completion never fails; without an answer it offers nothing.
    /// </summary>
    public sealed class RoleNameCompleter : IArgumentCompleter
    {
        private static readonly TimeSpan Fresh = TimeSpan.FromSeconds(60);
        private static readonly TimeSpan Patience = TimeSpan.FromMilliseconds(1500);
        private static readonly ConcurrentDictionary<string, Entry> Cache = new ConcurrentDictionary<string, Entry>(StringComparer.Ordinal);

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            try
            {
                var region = fakeBoundParameters.Contains("Region") ? fakeBoundParameters["Region"]?.ToString() : null;
                var names = RoleNames(ConnectionParameters.FromBound(fakeBoundParameters, region, SessionVariable));
                return PolicyNameCompleter.Complete(names, wordToComplete).ToList();
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                return Array.Empty<CompletionResult>();
            }
        }

        private static IReadOnlyList<string> RoleNames(ConnectionOptions options)
        {
            var connection = ConnectionCache.Get(options);
            var entry = Cache.GetOrAdd(connection.Key, _ => new Entry());
            lock (entry)
            {
                if (entry.Names != null && DateTime.UtcNow - entry.Read < Fresh)
                {
                    return entry.Names;
                }

                if (entry.Pending is null || entry.Pending.IsCompleted)
                {
                    entry.Pending = Task.Run(async () =>
                    {
                        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                        var names = await new RoleReader(connection, SilentReporter.Instance).ListSsmRoleNamesAsync(timeout.Token).ConfigureAwait(false);
                        lock (entry)
                        {
                            entry.Names = names.OrderBy(n => n, StringComparer.OrdinalIgnoreCase).ToList();
                            entry.Read = DateTime.UtcNow;
                        }
                    });
                }
            }

            entry.Pending.Wait(Patience);
            lock (entry)
            {
                return entry.Names ?? (IReadOnlyList<string>)Array.Empty<string>();
            }
        }

        /// <summary>
        /// A variable of the session Tab was pressed in ($StoredAWSRegion, $StoredAWSCredentials). Completion runs
        /// inside a pipeline, where the runspace's SessionStateProxy refuses calls, so the variable is read by a
        /// script block on this thread, in the session's own scope.
        /// </summary>
        private static object? SessionVariable(string name) => ScriptBlock.Create("$" + name).Invoke().FirstOrDefault()?.BaseObject;

        private sealed class Entry
        {
            public List<string>? Names { get; set; }

            public DateTime Read { get; set; }

            public Task? Pending { get; set; }
        }
    }
}
