using SsmHybridRole.Engine.Reporting;


namespace SsmHybridRole.Infrastructure
{
    /// <summary>
    /// What every cmdlet shares: cancellation on Ctrl+C (StopProcessing), engine calls pumped onto the
    /// pipeline thread, and engine failures written as ErrorRecords through one mapping.
    /// </summary>
    public abstract class SsmHybridCmdlet : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource stopping = new CancellationTokenSource();
        private readonly Confirmation confirmation = new Confirmation();

        // The grave second question has answers of its own: Yes to All for the ordinary question must not answer it.
        private readonly Confirmation graveConfirmation = new Confirmation();

        protected CancellationToken Cancellation => stopping.Token;

        protected override void StopProcessing() => stopping.Cancel();

        /// <summary>
        /// Runs <paramref name="body"/>; an engine failure becomes a non-terminating error (the next pipeline
        /// input is still processed) unless it says nothing after it could succeed. Returns false on failure.
        /// </summary>
        protected bool Try(Action body)
        {
            try
            {
                body();
                return true;
            }
            catch (SsmHybridRoleException e) when (!e.IsTerminating)
            {
                WriteError(ErrorRecords.From(e, CommandName));
                return false;
            }
            catch (SsmHybridRoleException e)
            {
                ThrowTerminatingError(ErrorRecords.From(e, CommandName));
                return false;
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
        }

        /// <summary>The name this cmdlet was invoked by, for advice that fits it.</summary>
        internal string? CommandName => MyInvocation?.MyCommand?.Name;

        /// <summary>
        /// ShouldProcess as every cmdlet of the module asks it; it hides <see cref="Cmdlet.ShouldProcess(string, string)"/>
        /// so that no cmdlet asks another way. -WhatIf reports and returns false. When PowerShell would ask (-Confirm,
        /// or the cmdlet's ConfirmImpact at or above $ConfirmPreference), the question is <see cref="Confirmation"/>'s:
        /// No is the default, and a session where nobody can answer gets a ConfirmationRequired error instead.
        /// </summary>
        protected new bool ShouldProcess(string target, string action)
            => Confirmation.Due(this) ? confirmation.Ask(this, target, action) : base.ShouldProcess(target, action);

        /// <summary>
        /// ShouldProcess, except that -Force skips the question, as in AWS Tools for PowerShell; -WhatIf (or
        /// $WhatIfPreference) still only reports, and a -Confirm typed next to -Force still asks.
        /// </summary>
        protected bool ShouldProcessUnlessForced(bool force, string target, string action)
            => (force && !WhatIfRequested() && Confirmation.Typed(this) != true) || ShouldProcess(target, action);

        /// <summary>
        /// A second question about <paramref name="action"/>, for a change grave enough to ask about even without
        /// -Confirm (ShouldContinue): skipped with -Force, otherwise asked as <see cref="ShouldProcess(string, string)"/> asks.
        /// </summary>
        protected bool ShouldContinueUnlessForced(bool force, string target, string action, string query)
            => force || graveConfirmation.Ask(this, target, action, query);

        /// <summary>-WhatIf, or $WhatIfPreference, is in effect.</summary>
        protected internal bool WhatIfRequested()
            => (MyInvocation.BoundParameters.TryGetValue("WhatIf", out var bound) && bound is SwitchParameter { IsPresent: true })
               || LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference"));

        /// <summary>
        /// Runs an engine task, writing its verbose text, warnings and progress as they come. <paramref name="undo"/>
        /// takes the result back when the command stops before the result could be written, reporting what it did.
        /// </summary>
        internal T RunEngine<T>(Func<EngineCall, CancellationToken, Task<T>> work, Func<T, IOperationReporter, CancellationToken, Task>? undo = null)
            => EngineCall.Run(this, call => work(call, call.Cancellation), undo, stopping.Token);

        internal void RunEngine(Func<EngineCall, CancellationToken, Task> work)
            => EngineCall.Run(
                this,
                async call =>
                {
                    await work(call, call.Cancellation).ConfigureAwait(false);
                    return true;
                },
                null,
                stopping.Token);

        /// <summary>A failure for one account of a many-account run (or the caller's own, when the account is null).</summary>
        internal void WriteFailure(string? accountId, Exception exception)
        {
            if (exception is ConvergenceIncompleteException incomplete)
            {
                // The target is the change list, with Applied on each: a script can see exactly what remains.
                WriteError(ErrorRecords.From(incomplete, CommandName, OutputMapper.ToOutput(incomplete.Target?.ToString() ?? string.Empty, incomplete.Changes)));
            }
            else if (exception is SsmHybridRoleException engine)
            {
                WriteError(ErrorRecords.From(engine, CommandName, accountId));
            }
            else
            {
                WriteError(new ErrorRecord(exception, "AccountFailed", ErrorCategory.NotSpecified, accountId));
            }
        }

        public void Dispose()
        {
            stopping.Dispose();
            GC.SuppressFinalize(this);
        }
    }
}
