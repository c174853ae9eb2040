using SsmHybridRole.Engine.Consistency;

namespace SsmHybridRole.Engine.Gateway
{
    /// <summary>
    /// The one way the services reach AWS (IAM, STS, SSM). Each call, in one place: the verbose line that says
    /// what it does (and in which account, when the command works in several), the waits the module adds on top of the SDK's retries (<see cref="TransientFailure"/>),
    /// and the translation of service errors into the engine's exceptions with their target. The services
    /// above it read like the procedure they implement.
    /// </summary>
    internal sealed class AwsGateway
    {
        private readonly AwsConnection connection;
        private readonly IOperationReporter reporter;

        public AwsGateway(AwsConnection connection, IOperationReporter reporter)
        {
            this.connection = connection ?? throw new ArgumentNullException(nameof(connection));
            this.reporter = reporter ?? SilentReporter.Instance;
            Iam = new IamGateway(this, connection.Iam);
        }

        public AwsConnection Connection => connection;

        public IOperationReporter Reporter => reporter;

        /// <summary>IAM, with every call going through this gateway.</summary>
        public IIdentityManagementService Iam { get; }

        /// <summary>Systems Manager in <paramref name="region"/>, with every call going through this gateway.</summary>
        public ISystemsManagerService Ssm(string region) => new SsmGateway(this, connection.Ssm(region), region);

        /// <summary>The caller's account id: sts:GetCallerIdentity once per connection.</summary>
        public Task<string> GetAccountIdAsync(CancellationToken cancellationToken)
            => connection.KnownAccountId is { } known
                ? Task.FromResult(known)
                : CallAsync("sts:GetCallerIdentity", CallTarget.None, () => connection.GetAccountIdAsync(CancellationToken.None), NoWaits, cancellationToken);

        internal static IReadOnlyList<TransientFailure> NoWaits { get; } = Array.Empty<TransientFailure>();

        /// <summary>
        /// Waits for a request until it ends or the command stops; when it stops, the request is left to end on its
        /// own (within the request time limit) and its answer is dropped. The SDK is never handed the command's
        /// cancellation: a request cancelled just as its answer arrived could leave the next request on the same
        /// pooled connection without its answer until a time limit ran out (seen here with AWSSDK.Core 4.1 on .NET
        /// 10, when a stopped batch undid its roles). Stopping to wait is as prompt, and what IAM applied is the same:
        /// a cancelled request that reached IAM is applied either way, which is why undo reads IAM back, after the
        /// abandoned request has settled (<see cref="RequestAbandonedException"/>).
        /// </summary>
        private static async Task<T> UntilStopped<T>(Task<T> request, CancellationToken cancellationToken)
        {
            if (!cancellationToken.CanBeCanceled || request.IsCompleted)
            {
                return await request.ConfigureAwait(false);
            }

            var stopped = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            using (cancellationToken.Register(() => stopped.TrySetResult(true)))
            {
                if (await Task.WhenAny(request, stopped.Task).ConfigureAwait(false) != request)
                {
                    // Nobody waits for the dropped request any more; its failure, if any, must not go unobserved.
                    _ = request.ContinueWith(t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
                    throw new RequestAbandonedException(request, cancellationToken);
                }
            }

            return await request.ConfigureAwait(false);
        }

        /// <summary>
        /// Sends one request: says so, waits out what passes with time, and translates what fails. <paramref name="send"/>
        /// starts the SDK request without the command's cancellation; see <see cref="UntilStopped{T}"/>.
        /// </summary>
        public Task<T> CallAsync<T>(string action, CallTarget target, Func<Task<T>> send, IReadOnlyList<TransientFailure> waits, CancellationToken cancellationToken)
        {
            reporter.Verbose(connection.WorkingAccount is { } account ? $"Account {account}: {target.Describe(action)}" : target.Describe(action));
            return EventualConsistency.RetryAsync(
                async () =>
                {
                    try
                    {
                        return await UntilStopped(send(), cancellationToken).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
                    {
                        // Nobody cancelled: the request's own time limit ran out, and whether it was applied is unknown.
                        throw ServiceErrorTranslator.Translate(new TimeoutException($"{action} got no answer in time.", e), action, target);
                    }
                    catch (Exception e) when (ServiceErrorTranslator.Translate(e, action, target) is var translated && !ReferenceEquals(translated, e))
                    {
                        throw translated;
                    }
                },
                waits,
                reporter,
                cancellationToken);
        }
    }
}
