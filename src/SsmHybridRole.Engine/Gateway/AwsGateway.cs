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
        /// Sends one request: says so, waits out what passes with time, and translates what fails. <paramref name="send"/>
        /// starts the SDK request without the command's cancellation; see <see cref="InFlight"/>.
        /// </summary>
        public Task<T> CallAsync<T>(string action, CallTarget target, Func<Task<T>> send, IReadOnlyList<TransientFailure> waits, CancellationToken cancellationToken)
        {
            reporter.Verbose(connection.WorkingAccount is { } account ? $"Account {account}: {target.Describe(action)}" : target.Describe(action));
            return EventualConsistency.RetryAsync(
                async () =>
                {
                    try
                    {
                        return await InFlight.UntilStopped(send(), cancellationToken).ConfigureAwait(false);
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
