using System;
using System.Threading.Tasks;

namespace SsmHybridRole.Engine.Errors
{
    /// <summary>Runs one IAM (or STS) call and turns its failure into the engine's typed exception.</summary>
    internal static class IamCall
    {
        public static async Task<T> RunAsync<T>(Func<Task<T>> call, string action, string? roleName, string? policyArn = null)
        {
            try
            {
                return await call().ConfigureAwait(false);
            }
            catch (Exception e) when (IamErrorTranslator.Translate(e, action, roleName, policyArn) is var translated && !ReferenceEquals(translated, e))
            {
                throw translated;
            }
        }

        public static Task RunAsync(Func<Task> call, string action, string? roleName, string? policyArn = null)
            => RunAsync(
                async () =>
                {
                    await call().ConfigureAwait(false);
                    return true;
                },
                action,
                roleName,
                policyArn);
    }
}
