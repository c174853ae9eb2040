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

        /// <summary>
        /// A warning about what a failure or a stop left behind (<paramref name="message"/> names it), which the user
        /// must hear even when the command was stopped. <paramref name="errorId"/> and <paramref name="target"/> say
        /// which advice tells the command that finishes the job; the host words it.
        /// </summary>
        void Unfinished(string message, string errorId, object? target);

        void Progress(OperationProgress progress);
    }

    /// <summary>A progress report: what a host's progress bar shows.</summary>
    internal sealed record OperationProgress(int ActivityId, string Activity, string Status, int PercentComplete = -1, int SecondsRemaining = -1, bool Completed = false);

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

        public void Unfinished(string message, string errorId, object? target)
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
