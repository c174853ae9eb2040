using System;
using System.Collections.Concurrent;
using System.Management.Automation;
using System.Threading.Tasks;
using SsmHybridRole.Engine.Roles;

namespace SsmHybridRole.Infrastructure
{
    /// <summary>
    /// Runs one engine task off the pipeline thread while the pipeline thread writes what it reports:
    /// verbose text, warnings, progress and output objects all reach PowerShell in order, from the only
    /// thread allowed to write them.
    /// </summary>
    internal sealed class EngineCall : IOperationReporter, IDisposable
    {
        private readonly BlockingCollection<Action> pending = new BlockingCollection<Action>();
        private readonly Cmdlet cmdlet;

        public EngineCall(Cmdlet cmdlet) => this.cmdlet = cmdlet;

        public static T Run<T>(Cmdlet cmdlet, Func<EngineCall, Task<T>> work)
        {
            using var call = new EngineCall(cmdlet);
            return call.Pump(work);
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

        private T Pump<T>(Func<EngineCall, Task<T>> work)
        {
            var task = Task.Run(() => work(this));
            task.ContinueWith(_ => pending.CompleteAdding(), TaskScheduler.Default);
            PipelineStoppedException? stopped = null;
            foreach (var action in pending.GetConsumingEnumerable())
            {
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

        public void Dispose() => pending.Dispose();
    }
}
