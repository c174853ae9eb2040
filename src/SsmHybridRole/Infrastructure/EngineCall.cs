using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using SsmHybridRole.Engine.Reporting;

namespace SsmHybridRole.Infrastructure
{
    /// <summary>
    /// Runs engine tasks off the pipeline thread while the pipeline thread writes what they report: verbose
    /// text, warnings, progress and output objects all reach PowerShell from the only thread allowed to write
    /// them. One call can carry several tasks at once (a cmdlet's -ThrottleLimit, accounts side by side).
    /// <para>
    /// When the command stops — Ctrl+C, -ErrorAction Stop on an error it writes, a downstream command that
    /// throws — the call cancels every task it started, waits for each to finish its own undo, undoes what
    /// was made but never written (so nothing exists that the user was not told of), and then lets the
    /// failure through.
    /// </para>
    /// </summary>
    internal sealed class EngineCall : IOperationReporter, IDisposable
    {
        private static readonly TimeSpan UndoTimeout = TimeSpan.FromSeconds(90);

        private readonly BlockingCollection<Posted> pending = new BlockingCollection<Posted>();
        private readonly List<Started> started = new List<Started>();
        private readonly Cmdlet cmdlet;
        private readonly CancellationTokenSource cancellation;
        private ExceptionDispatchInfo? stop;

        public EngineCall(Cmdlet cmdlet, CancellationToken stopping)
        {
            this.cmdlet = cmdlet;
            cancellation = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        }

        /// <summary>Cancelled when the command stops, for any reason: every engine task started here gets it.</summary>
        public CancellationToken Cancellation => cancellation.Token;

        public static T Run<T>(Cmdlet cmdlet, Func<EngineCall, Task<T>> work, Func<T, IOperationReporter, CancellationToken, Task>? undo, CancellationToken stopping)
        {
            using var call = new EngineCall(cmdlet, stopping);
            return call.Wait(call.Start(work, undo));
        }

        /// <summary>
        /// Starts a task on the thread pool; its reports wait in this call's queue. <paramref name="undo"/> takes
        /// back its result if the command stops before the result is written, and reports what it did to this call.
        /// </summary>
        public Task<T> Start<T>(Func<EngineCall, Task<T>> work, Func<T, IOperationReporter, CancellationToken, Task>? undo = null)
        {
            var task = Task.Run(() => work(this));
            lock (started)
            {
                started.Add(new Started(task, undo is null ? null : cancel => undo(task.Result, this, cancel)));
            }

            // Wakes the pump when the task ends without having reported anything.
            task.ContinueWith(_ => Wake(), TaskScheduler.Default);
            return task;
        }

        /// <summary>
        /// Writes what the tasks report until <paramref name="task"/> has ended, then returns its result (which the
        /// caller writes). If the command stops meanwhile, stops everything as the class says and throws.
        /// </summary>
        public T Wait<T>(Task<T> task)
        {
            Pump(() => task.IsCompleted);
            if (stop is null && cancellation.IsCancellationRequested)
            {
                stop = ExceptionDispatchInfo.Capture(new PipelineStoppedException());
            }

            if (stop != null)
            {
                Abandon();
            }

            lock (started)
            {
                started.RemoveAll(s => s.Task == task);
            }

            return task.GetAwaiter().GetResult();
        }

        /// <summary>
        /// Stops after <paramref name="cause"/> (a write that failed outside <see cref="Wait"/>): cancels, waits for
        /// every task, undoes what was made and not written, then throws <paramref name="cause"/>.
        /// </summary>
        public void Abandon(Exception cause)
        {
            stop ??= ExceptionDispatchInfo.Capture(cause);
            Abandon();
        }

        /// <summary>Queues work for the pipeline thread, such as WriteObject of a result that just arrived.</summary>
        public void Post(Action action) => Add(new Posted(action, null));

        /// <summary>Queues a result to write; if the command stops before it is written, <paramref name="undo"/> takes it back.</summary>
        public void PostResult(Action write, Func<CancellationToken, Task>? undo) => Add(new Posted(write, undo));

        public void Verbose(string message) => Post(() => cmdlet.WriteVerbose(message));

        /// <summary>A warning reaches the user even when the command has stopped meanwhile (see <see cref="Tell"/>).</summary>
        public void Warning(string message) => Add(new Posted(() => cmdlet.WriteWarning(message), null, message));

        /// <summary>What a failure or a stop left behind, with the command that finishes it, worded for this cmdlet.</summary>
        public void Unfinished(string message, string errorId, object? target)
            => Warning(Advice.For(errorId, (cmdlet as PSCmdlet)?.MyInvocation?.MyCommand?.Name, target) is { } advice ? message + " " + advice : message);

        public void Progress(OperationProgress progress)
        {
            var record = new ProgressRecord(progress.ActivityId, progress.Activity, progress.Status)
            {
                PercentComplete = progress.PercentComplete,
                SecondsRemaining = progress.SecondsRemaining,
                RecordType = progress.Completed ? ProgressRecordType.Completed : ProgressRecordType.Processing,
            };
            Post(() => cmdlet.WriteProgress(record));
        }

        public void Dispose()
        {
            cancellation.Dispose();
            pending.Dispose();
        }

        /// <summary>Writes what comes until <paramref name="done"/>; after a failed write, writes nothing more and keeps the undos of results.</summary>
        private void Pump(Func<bool> done)
        {
            var undos = new List<Func<CancellationToken, Task>>();
            while (!done() || pending.Count > 0)
            {
                var posted = pending.Take();
                if (stop != null)
                {
                    if (posted.Undo != null)
                    {
                        undos.Add(posted.Undo);
                    }

                    if (posted.Warning != null)
                    {
                        Tell(posted.Warning);
                    }

                    continue;
                }

                try
                {
                    posted.Write();
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    // The first write that fails stops everything; the rest still run to their end, unwritten.
                    stop = ExceptionDispatchInfo.Capture(e);
                    cancellation.Cancel();
                    if (posted.Warning != null)
                    {
                        Tell(posted.Warning);
                    }
                }
            }

            Undo(undos);
        }

        private void Abandon()
        {
            cancellation.Cancel();
            Pump(() =>
            {
                lock (started)
                {
                    return started.All(s => s.Task.IsCompleted);
                }
            });

            List<Func<CancellationToken, Task>> unwritten;
            lock (started)
            {
                unwritten = started.Where(s => s.Undo != null && s.Task.Status == TaskStatus.RanToCompletion).Select(s => s.Undo!).ToList();
                started.Clear();
            }

            Undo(unwritten);
            stop!.Throw();
        }

        /// <summary>
        /// Takes back results that were made but never written, each with its own time limit. Each undo reports what it
        /// did, and what it could not do, to this call (the engine words both); any other failure is told as it is.
        /// </summary>
        private void Undo(List<Func<CancellationToken, Task>> undos)
        {
            if (undos.Count == 0)
            {
                return;
            }

            var leftovers = new List<string>();
            var runs = undos.Select(undo => Task.Run(async () =>
            {
                using var limit = new CancellationTokenSource(UndoTimeout);
                try
                {
                    await undo(limit.Token).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OutOfMemoryException and not SsmHybridRoleException)
                {
                    lock (leftovers)
                    {
                        leftovers.Add(e.Message);
                    }
                }
                catch (SsmHybridRoleException)
                {
                    // The engine reported what it left behind as it failed.
                }
            })).ToArray();
            var all = Task.WhenAll(runs);
            all.ContinueWith(_ => Wake(), TaskScheduler.Default);
            Pump(() => all.IsCompleted);
            leftovers.ForEach(Tell);
        }

        /// <summary>
        /// Writes a warning that must reach the user even when the command has stopped (what an undo did, what a stop
        /// left behind). A stopped command can write no more to its streams, so the warning then goes through the
        /// host's user interface: the console the user is looking at, and a hosted PowerShell's warning stream (even
        /// with no user interface), unless the user silenced warnings.
        /// </summary>
        private void Tell(string message)
        {
            try
            {
                cmdlet.WriteWarning(message);
                return;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // Stopped: PowerShell takes no more writes from this command.
            }

            try
            {
                if (cmdlet is PSCmdlet { Host.UI: { } ui } shell && !Silenced(shell))
                {
                    ui.WriteWarningLine(message);
                }
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // A host without a user interface: there is nobody to tell.
            }
        }

        private static bool Silenced(PSCmdlet shell)
        {
            var preference = shell.MyInvocation.BoundParameters.TryGetValue("WarningAction", out var bound) ? bound : shell.GetVariableValue("WarningPreference");
            return LanguagePrimitives.TryConvertTo<ActionPreference>(preference, out var set) && set is ActionPreference.SilentlyContinue or ActionPreference.Ignore;
        }

        private void Add(Posted posted)
        {
            try
            {
                pending.Add(posted);
            }
            catch (ObjectDisposedException)
            {
                // The call is over: nobody is left to write it.
            }
        }

        private void Wake() => Add(new Posted(() => { }, null));

        private sealed record Posted(Action Write, Func<CancellationToken, Task>? Undo, string? Warning = null);

        private sealed record Started(Task Task, Func<CancellationToken, Task>? Undo);
    }
}
