using System.Collections.Concurrent;
using SsmHybridRole.Engine.Reporting;

namespace SsmHybridRole.Infrastructure
{
    /// <summary>
    /// Runs engine tasks off the pipeline thread while the pipeline thread writes what they report: verbose
    /// text, warnings, progress and output objects all reach PowerShell from the only thread allowed to write
    /// them. One call can carry several tasks at once (a cmdlet's -ThrottleLimit); each is waited for in turn.
    /// </summary>
    internal sealed class EngineCall : IOperationReporter, IDisposable
    {
        private readonly BlockingCollection<Action> pending = new BlockingCollection<Action>();
        private readonly Cmdlet cmdlet;

        public EngineCall(Cmdlet cmdlet) => this.cmdlet = cmdlet;

        public static T Run<T>(Cmdlet cmdlet, Func<EngineCall, Task<T>> work)
        {
            using var call = new EngineCall(cmdlet);
            return call.Wait(call.Start(work));
        }

        /// <summary>Starts a task on the thread pool; its reports wait in this call's queue.</summary>
        public Task<T> Start<T>(Func<EngineCall, Task<T>> work)
        {
            var task = Task.Run(() => work(this));
            // Wakes the pump when the task ends without having reported anything.
            task.ContinueWith(_ => Wake(), TaskScheduler.Default);
            return task;
        }

        /// <summary>Writes what the tasks report until <paramref name="task"/> has ended, then returns its result.</summary>
        public T Wait<T>(Task<T> task)
        {
            PipelineStoppedException? stopped = null;
            while (!task.IsCompleted || pending.Count > 0)
            {
                var action = pending.Take();
                if (stopped != null)
                {
                    continue;
                }

                try
                {
                    action();
                }
                catch (PipelineStoppedException e)
                {
                    // Ctrl+C: stop writing, but let the engine finish (it undoes half-made work) before returning.
                    stopped = e;
                }
            }

            if (stopped != null)
            {
                _ = task.Exception;
                throw stopped;
            }

            return task.GetAwaiter().GetResult();
        }

        private void Wake()
        {
            try
            {
                pending.Add(() => { });
            }
            catch (ObjectDisposedException)
            {
                // The call was already over: nobody is waiting to be woken.
            }
        }

        /// <summary>Queues work for the pipeline thread, such as WriteObject of a result that just arrived.</summary>
        public void Post(Action action) => pending.Add(action);

        public void Verbose(string message) => Post(() => cmdlet.WriteVerbose(message));

        public void Warning(string message) => Post(() => cmdlet.WriteWarning(message));

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

        public void Dispose() => pending.Dispose();
    }
}
