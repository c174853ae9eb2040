namespace SsmHybridRole.Engine.Reporting
{
    /// <summary>
    /// How the engine tells its caller what it is doing, without knowing about PowerShell. Calls may come
    /// from any thread; the cmdlets queue them and write them on the pipeline thread.
    /// </summary>
    internal interface IOperationReporter
    {
        void Verbose(string message);

        void Warning(string message);

        void Progress(OperationProgress progress);
    }

    /// <summary>A progress report: what a host's progress bar shows.</summary>
    internal sealed class OperationProgress
    {
        public OperationProgress(int activityId, string activity, string status, int percentComplete = -1, int secondsRemaining = -1, bool completed = false)
        {
            ActivityId = activityId;
            Activity = activity;
            Status = status;
            PercentComplete = percentComplete;
            SecondsRemaining = secondsRemaining;
            Completed = completed;
        }

        public int ActivityId { get; }

        public string Activity { get; }

        public string Status { get; }

        public int PercentComplete { get; }

        public int SecondsRemaining { get; }

        public bool Completed { get; }
    }

    /// <summary>A reporter that drops everything, for callers with nobody to tell.</summary>
    internal sealed class SilentReporter : IOperationReporter
    {
        public static readonly SilentReporter Instance = new SilentReporter();

        public void Verbose(string message)
        {
        }

        public void Warning(string message)
        {
        }

        public void Progress(OperationProgress progress)
        {
        }
    }

    /// <summary>Progress activity ids, distinct per kind of long wait.</summary>
    internal static class ActivityIds
    {
        public const int Propagation = 4711;
        public const int RoleSteps = 4712;
        public const int Listing = 4713;
        public const int Accounts = 4714;
    }
}
