using SsmHybridRole.Engine.Consistency;
using SsmHybridRole.Engine.Iam.Model;

namespace SsmHybridRole.Engine.Roles
{
    /// <summary>
    /// Makes one role with its policies so that, when it returns, the role is either complete or gone. The role
    /// carries a marker of this call (a tag with a new id), so that when CreateRole's outcome is unknown (the
    /// answer was lost and the SDK's retry met EntityAlreadyExists; the connection dropped; the request timed
    /// out or was cancelled) the module can ask IAM and tell its own new role from someone else's: it then
    /// finishes the job, or undoes it when the caller asked to stop.
    /// </summary>
    internal sealed class RoleCreation : AwsService
    {
        private static readonly TimeSpan UndoTimeout = TimeSpan.FromSeconds(60);

        // How long the read-back waits for a request the stopped command dropped: long enough for an answer IAM is
        // slow to give, short enough for Ctrl+C to stay Ctrl+C.
        private static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(10);

        // How long a role IAM has just made may take to be readable: a few short looks, not the propagation wait.
        private static readonly TimeSpan[] ReadBackDelays = { TimeSpan.FromMilliseconds(300), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2) };

        private readonly RolePolicies policies;

        public RoleCreation(AwsGateway aws)
            : base(aws)
        {
            policies = new RolePolicies(aws);
        }

        public async Task<HybridRole> RunAsync(CreateRoleRequest request, IReadOnlyList<string> policyArns, CancellationToken cancellationToken)
        {
            var marker = Guid.NewGuid().ToString("N");
            request.Tags.Add(new Tag { Key = KnownNames.CreationMarkerTag, Value = marker });
            var steps = new Steps(Reporter, request.RoleName, 1 + policyArns.Count);
            steps.Next("iam:CreateRole");
            var role = await CreateOrFindOwnAsync(request, marker, cancellationToken).ConfigureAwait(false);

            steps.Next($"iam:AttachRolePolicy x{policyArns.Count}");
            var (attached, failure) = await policies.AttachAllAsync(request.RoleName, policyArns, cancellationToken).ConfigureAwait(false);
            steps.Done();
            if (failure != null)
            {
                // Stopped while another attach failed for a reason of its own: the cause is not the stop, but nobody sees the error.
                await UndoAsync(request.RoleName, failure.SourceException, stopped: cancellationToken.IsCancellationRequested).ConfigureAwait(false);
                failure.Throw();
            }

            return HybridRole.From(role, attached, request.Tags);
        }

        /// <summary>
        /// Removes a role this process made (and everything IAM shows attached to it), even when the caller has
        /// stopped: within <paramref name="limit"/>, or a minute when none is given. When the command was stopped
        /// (<paramref name="stopped"/>, or a cancellation as the cause), what the undo could not remove is also a warning.
        /// </summary>
        public async Task UndoAsync(string roleName, Exception cause, CancellationToken? limit = null, bool stopped = false)
        {
            using var undo = limit is null ? new CancellationTokenSource(UndoTimeout) : CancellationTokenSource.CreateLinkedTokenSource(limit.Value);
            var teardown = new RoleTeardown(Aws, roleName);
            Reporter.Verbose($"Undoing the creation of role '{roleName}'.");
            try
            {
                await Persistently(() => teardown.RunAsync(managedPoliciesOnly: true, mustExist: false, undo.Token), undo.Token).ConfigureAwait(false);
                Reporter.Warning(Messages.RollbackSucceeded(roleName, teardown.Done, Messages.Cause(cause)));
            }
            catch (Exception undoFailure) when (undoFailure is not OutOfMemoryException)
            {
                var message = Messages.RollbackIncomplete(roleName, teardown.Remaining, Messages.Cause(cause), Messages.Cause(undoFailure));
                if (stopped || cause is OperationCanceledException)
                {
                    // Told as a warning when the command was stopped: then no error reaches the user.
                    Reporter.Unfinished(message, ErrorIds.RoleCreationIncomplete, roleName);
                }

                throw new SsmHybridRoleException(
                    ErrorIds.RoleCreationIncomplete,
                    SsmHybridRoleException.IncompleteBecauseOf(undoFailure),
                    message,
                    roleName,
                    null,
                    new AggregateException(cause, undoFailure));
            }
        }

        private async Task<Role> CreateOrFindOwnAsync(CreateRoleRequest request, string marker, CancellationToken cancellationToken)
        {
            try
            {
                return (await Iam.CreateRoleAsync(request, cancellationToken).ConfigureAwait(false)).Role;
            }
            catch (Exception e) when (OutcomeUnknown(e))
            {
                var own = await FindOwnAsync(request.RoleName, marker, e).ConfigureAwait(false);
                if (own is null)
                {
                    throw;
                }

                EventualConsistency.NoteCreated(Connection.Key, request.RoleName);
                if (e is OperationCanceledException)
                {
                    await UndoAsync(request.RoleName, e).ConfigureAwait(false);
                    throw;
                }

                Reporter.Verbose($"IAM made role '{request.RoleName}' although the answer to CreateRole was lost ({e.Message}); going on with it.");
                return own;
            }
        }

        /// <summary>
        /// The role as IAM has it, when it carries this call's marker; null when IAM did not make it, or when it is
        /// someone else's. A failure to read it back means the outcome stays unknown: that is an error of its own.
        /// </summary>
        private async Task<Role?> FindOwnAsync(string roleName, string marker, Exception cause)
        {
            using var reading = new CancellationTokenSource(UndoTimeout);
            try
            {
                // A stopped command dropped the request, which still runs (and may be retried): read IAM after it ends.
                await RequestAbandonedException.SettledAsync(cause, SettleTimeout).ConfigureAwait(false);
                foreach (var delay in ReadBackDelays.Prepend(TimeSpan.Zero))
                {
                    await Task.Delay(delay, reading.Token).ConfigureAwait(false);
                    try
                    {
                        var role = (await Persistently(() => Iam.GetRoleAsync(new GetRoleRequest { RoleName = roleName }, reading.Token), reading.Token).ConfigureAwait(false)).Role;
                        return role.Tags.Any(t => t.Key == KnownNames.CreationMarkerTag && t.Value == marker) ? role : null;
                    }
                    catch (ServiceCallException e) when (e.ErrorId == ErrorIds.RoleNotFound)
                    {
                        // Not there (yet): look again shortly, then conclude IAM did not make it.
                    }
                }

                return null;
            }
            catch (Exception readFailure) when (readFailure is not OutOfMemoryException)
            {
                throw new SsmHybridRoleException(
                    ErrorIds.RoleCreationIncomplete,
                    SsmHybridRoleException.IncompleteBecauseOf(readFailure),
                    Messages.CreationUnknown(roleName, cause.Message, readFailure.Message),
                    roleName,
                    null,
                    new AggregateException(cause, readFailure));
            }
        }

        /// <summary>
        /// Runs a step of the undo or the read-back again after a failure of the network or the service (the SDK's
        /// own retries already spent), until it works or <paramref name="limit"/> ends: leaving a role behind
        /// unreported is worse than trying longer. A refused permission is final.
        /// </summary>
        private static async Task<T> Persistently<T>(Func<Task<T>> step, CancellationToken limit)
        {
            var delay = TimeSpan.FromMilliseconds(500);
            while (true)
            {
                try
                {
                    return await step().ConfigureAwait(false);
                }
                catch (ServiceCallException e) when (e.Kind is FailureKind.ServiceFailure or FailureKind.Connection)
                {
                    try
                    {
                        await Task.Delay(delay, limit).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                        throw e;
                    }

                    delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 5000));
                }
            }
        }

        private static Task<bool> Persistently(Func<Task> step, CancellationToken limit)
            => Persistently(
                async () =>
                {
                    await step().ConfigureAwait(false);
                    return true;
                },
                limit);

        /// <summary>
        /// Failures after which IAM may have made the role all the same: cancelled, cut off or timed out, a server
        /// error, or EntityAlreadyExists (perhaps the SDK's retry of a request IAM had applied). A refusal (4xx,
        /// throttling included) means IAM did not apply it.
        /// </summary>
        private static bool OutcomeUnknown(Exception e)
            => e is OperationCanceledException
               || e is ServiceCallException { ErrorId: ErrorIds.RoleAlreadyExists or ErrorIds.EndpointUnreachable }
               || e is ServiceCallException { Kind: FailureKind.ServiceFailure, InnerException: Amazon.Runtime.AmazonServiceException { StatusCode: >= System.Net.HttpStatusCode.InternalServerError } };

        /// <summary>The steps of one role's creation, as progress.</summary>
        private sealed class Steps
        {
            private readonly IOperationReporter reporter;
            private readonly string activity;
            private readonly int total;
            private int done = -1;

            public Steps(IOperationReporter reporter, string roleName, int total)
            {
                this.reporter = reporter;
                activity = $"Creating hybrid service role '{roleName}'";
                this.total = total;
            }

            public void Next(string status) => reporter.Progress(new OperationProgress(ActivityIds.RoleSteps, activity, status, 100 * ++done / total));

            public void Done() => reporter.Progress(new OperationProgress(ActivityIds.RoleSteps, activity, "Done", Completed: true));
        }
    }
}
