namespace SsmHybridRole.Engine.Gateway
{
    /// <summary>
    /// How the module stops waiting for an SDK request (IAM, STS, SSM, SSO) without cutting it off. Every SDK call
    /// is started without the command's cancellation and awaited through <see cref="UntilStopped{T}"/>.
    /// </summary>
    internal static class InFlight
    {
        /// <summary>
        /// Waits for a request until it ends or the command stops; when it stops, the request is left to end on its
        /// own (within the request time limit) and its answer is dropped. The SDK is never handed the command's
        /// cancellation: a request cancelled just as its answer arrived could leave the next request on the same
        /// pooled connection without its answer until a time limit ran out (seen here with AWSSDK.Core 4.1 on .NET
        /// 10, when a stopped batch undid its roles). Stopping to wait is as prompt, and what IAM applied is the same:
        /// a cancelled request that reached IAM is applied either way, which is why undo reads IAM back, after the
        /// abandoned request has settled (<see cref="RequestAbandonedException"/>).
        /// </summary>
        public static async Task<T> UntilStopped<T>(Task<T> request, CancellationToken cancellationToken)
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
    }
}
