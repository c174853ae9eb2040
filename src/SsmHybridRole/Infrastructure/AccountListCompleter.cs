using System.Collections;
using System.Collections.Concurrent;
using System.Management.Automation.Language;
using SsmHybridRole.Engine.Connections;

namespace SsmHybridRole.Infrastructure
{
    /// <summary>
    /// Completes a parameter with names or ids listed from the account (roles, activations, managed nodes),
    /// reached with the same connection parameters and session state as the command itself. A list is kept for
    /// a minute per connection and Region, and Tab never waits for AWS longer than a moment: a slow answer fills
    /// the cache for the next Tab instead. Completion never fails; without an answer it offers nothing.
    /// </summary>
    public abstract class AccountListCompleter : IArgumentCompleter
    {
        private static readonly TimeSpan Fresh = TimeSpan.FromSeconds(60);
        private static readonly TimeSpan Patience = TimeSpan.FromMilliseconds(1500);
        private static readonly ConcurrentDictionary<string, Entry> Cache = new ConcurrentDictionary<string, Entry>(StringComparer.Ordinal);

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            try
            {
                var region = fakeBoundParameters.Contains("Region") ? First(fakeBoundParameters["Region"]) : null;
                var connection = ConnectionCache.Get(ConnectionParameters.FromBound(fakeBoundParameters, region, SessionVariable));
                var candidates = List(connection, region ?? connection.Region);
                return PolicyNameCompleter.Complete(candidates, wordToComplete).ToList();
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                return Array.Empty<CompletionResult>();
            }
        }

        /// <summary>The candidates and their tooltips, read from AWS (off the pipeline thread, with a deadline).</summary>
        internal abstract Task<IEnumerable<KeyValuePair<string, string>>> ReadAsync(AwsConnection connection, string? region, CancellationToken cancellationToken);

        private IReadOnlyList<KeyValuePair<string, string>> List(AwsConnection connection, string? region)
        {
            var entry = Cache.GetOrAdd(GetType().Name + "|" + connection.Key + "|" + region, _ => new Entry());
            lock (entry)
            {
                if (entry.Items != null && DateTime.UtcNow - entry.Read < Fresh)
                {
                    return entry.Items;
                }

                if (entry.Pending is null || entry.Pending.IsCompleted)
                {
                    entry.Pending = Task.Run(async () =>
                    {
                        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                        var items = await ReadAsync(connection, region, timeout.Token).ConfigureAwait(false);
                        lock (entry)
                        {
                            entry.Items = items.OrderBy(i => i.Key, StringComparer.OrdinalIgnoreCase).ToList();
                            entry.Read = DateTime.UtcNow;
                        }
                    });
                }
            }

            entry.Pending.Wait(Patience);
            lock (entry)
            {
                return entry.Items ?? (IReadOnlyList<KeyValuePair<string, string>>)Array.Empty<KeyValuePair<string, string>>();
            }
        }

        private static string? First(object? value)
            => (value is PSObject wrapped ? wrapped.BaseObject : value) switch
            {
                null => null,
                string text => text,
                IEnumerable many => many.Cast<object?>().Select(v => v?.ToString()).FirstOrDefault(),
                var other => other.ToString(),
            };

        /// <summary>
        /// A variable of the session Tab was pressed in ($StoredAWSRegion, $StoredAWSCredentials). Completion runs
        /// inside a pipeline, where the runspace's SessionStateProxy refuses calls, so the variable is read by a
        /// script block on this thread, in the session's own scope.
        /// </summary>
        private static object? SessionVariable(string name) => ScriptBlock.Create("$" + name).Invoke().FirstOrDefault()?.BaseObject;

        private sealed class Entry
        {
            public List<KeyValuePair<string, string>>? Items { get; set; }

            public DateTime Read { get; set; }

            public Task? Pending { get; set; }
        }
    }
}
