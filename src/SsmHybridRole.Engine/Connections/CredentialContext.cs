namespace SsmHybridRole.Engine.Connections
{
    /// <summary>
    /// What credentials may need from the command that is running when they are fetched: its cancellation (Ctrl+C),
    /// and a way to ask the user for an MFA code. The SDK asks credentials for keys without either, so the command
    /// sets them here, for the engine work it starts, and credentials read them. Every wait for credentials (STS,
    /// SSO, a credential process, metadata) is also bounded: <see cref="Timeout"/>, 60 s unless
    /// SSMHYBRIDROLE_CREDENTIAL_TIMEOUT says otherwise.
    /// </summary>
    internal static class CredentialContext
    {
        private static readonly AsyncLocal<CancellationToken> Cancellation = new AsyncLocal<CancellationToken>();
        private static readonly AsyncLocal<Func<string, CancellationToken, Task<string?>>?> MfaPrompt = new AsyncLocal<Func<string, CancellationToken, Task<string?>>?>();
        private static readonly AsyncLocal<IOperationReporter?> Reporter = new AsyncLocal<IOperationReporter?>();

        /// <summary>The longest wait for one credentials request; it bounds every credential source that can hang.</summary>
        public static TimeSpan Timeout => Seconds("SSMHYBRIDROLE_CREDENTIAL_TIMEOUT", 60);

        /// <summary>
        /// Runs <paramref name="work"/> with the command's cancellation, MFA prompt and reporter (for what a credential
        /// source must tell the user) in effect for every credential fetched inside it.
        /// </summary>
        public static async Task<T> RunAsync<T>(Func<string, CancellationToken, Task<string?>>? mfaPrompt, Func<Task<T>> work, CancellationToken cancellationToken, IOperationReporter? reporter = null)
        {
            if (work is null)
            {
                throw new ArgumentNullException(nameof(work));
            }

            Cancellation.Value = cancellationToken;
            MfaPrompt.Value = mfaPrompt;
            Reporter.Value = reporter;
            return await work().ConfigureAwait(false);
        }

        /// <summary>A warning from a credential source to the command that is running (none outside a command).</summary>
        public static void Warn(string message) => Reporter.Value?.Warning(message);

        /// <summary>
        /// A token for one credentials request: cancelled when the command is stopped or when <see cref="Timeout"/>
        /// has passed. Dispose it when the request is done.
        /// </summary>
        public static CancellationTokenSource Bounded()
        {
            var source = CancellationTokenSource.CreateLinkedTokenSource(Cancellation.Value);
            source.CancelAfter(Timeout);
            return source;
        }

        /// <summary>Runs one credentials request within the bound, and says which source took too long when it did.</summary>
        public static async Task<T> WithinBoundAsync<T>(string what, Func<CancellationToken, Task<T>> request)
        {
            if (request is null)
            {
                throw new ArgumentNullException(nameof(request));
            }

            using var bounded = Bounded();
            try
            {
                return await request(bounded.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException e) when (!Cancellation.Value.IsCancellationRequested && bounded.IsCancellationRequested)
            {
                throw new SsmHybridRoleException(ErrorIds.CredentialTimeout, FailureKind.Authentication, ConnectionMessages.CredentialTimeout(what, Timeout), what, null, e);
            }
        }

        /// <summary>Asks the user for the current code of <paramref name="mfaSerial"/>; an error when nobody can be asked.</summary>
        public static async Task<string> MfaCodeAsync(string mfaSerial, string profileName, CancellationToken cancellationToken)
        {
            var prompt = MfaPrompt.Value;
            var code = prompt is null ? null : await prompt(mfaSerial, cancellationToken).ConfigureAwait(false);
            if (string.IsNullOrWhiteSpace(code))
            {
                throw new SsmHybridRoleException(ErrorIds.MfaCodeRequired, FailureKind.Authentication, ConnectionMessages.MfaCodeRequired(profileName, mfaSerial), profileName);
            }

            return code!.Trim();
        }

        /// <summary>A positive number of seconds from the environment, or the default.</summary>
        internal static TimeSpan Seconds(string variable, double fallback)
            => double.TryParse(EnvironmentVariables.Read(variable), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds > 0
                ? TimeSpan.FromSeconds(seconds)
                : TimeSpan.FromSeconds(fallback);
    }
}
