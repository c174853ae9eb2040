namespace SsmHybridRole.Engine.Gateway
{
    /// <summary>
    /// The command stopped while a request was in flight: the gateway stopped waiting for it, but the request goes on
    /// to its end (the SDK may even retry it). Code that must know what the request did, such as the read-back after a
    /// lost CreateRole, first waits for it to settle.
    /// </summary>
    internal sealed class RequestAbandonedException : OperationCanceledException
    {
        private readonly Task request;

        public RequestAbandonedException(Task request, CancellationToken cancellationToken)
            : base("The command stopped while the request was in flight.", cancellationToken)
        {
            this.request = request;
        }

        /// <summary>Waits until the abandoned request has ended, however it ended, or <paramref name="bound"/> has passed.</summary>
        public async Task SettledAsync(TimeSpan bound)
        {
            using var timer = new CancellationTokenSource(bound);
            var settled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            using (timer.Token.Register(() => settled.TrySetResult(false)))
            {
                await Task.WhenAny(request, settled.Task).ConfigureAwait(false);
            }
        }

        /// <summary>Waits for the request behind <paramref name="failure"/> if it was abandoned; other failures need no wait.</summary>
        public static Task SettledAsync(Exception failure, TimeSpan bound)
            => failure is RequestAbandonedException abandoned ? abandoned.SettledAsync(bound) : Task.CompletedTask;
    }
}
