using System;
using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Threading;
using System.Threading.Tasks;
using SsmHybridRole.Engine.Aws;
using SsmHybridRole.Engine.Roles;

namespace SsmHybridRole.Infrastructure
{
    /// <summary>
    /// Completes -RoleName with the roles in the account whose trust lets SSM assume them. The list is kept
    /// for a minute per connection, and Tab never waits for IAM longer than a moment: a slow answer fills the
    /// cache for the next Tab instead. Completion never fails; without an answer it offers nothing.
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
                var names = RoleNames(Options(fakeBoundParameters));
                return PolicyNameCompleter.Complete(names, wordToComplete).ToList();
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                return Array.Empty<CompletionResult>();
            }
        }

        private static IReadOnlyList<string> RoleNames(ConnectionOptions options)
        {
            var connection = AwsConnectionFactory.Get(options);
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
                        var names = await new HybridRoleService(connection, SilentReporter.Instance).ListSsmRoleNamesAsync(timeout.Token).ConfigureAwait(false);
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

        private static ConnectionOptions Options(IDictionary bound)
        {
            string? Text(string name) => bound.Contains(name) ? (bound[name] is PSObject o ? o.BaseObject : bound[name])?.ToString() : null;
            return new ConnectionOptions
            {
                Region = Text("Region"),
                ProfileName = Text("ProfileName"),
                ProfileLocation = Text("ProfileLocation"),
                AccessKey = Text("AccessKey"),
                SecretKey = Text("SecretKey"),
                SessionToken = Text("SessionToken"),
                EndpointUrl = Text("EndpointUrl"),
            };
        }

        private sealed class Entry
        {
            public List<string>? Names { get; set; }

            public DateTime Read { get; set; }

            public Task? Pending { get; set; }
        }
    }
}
