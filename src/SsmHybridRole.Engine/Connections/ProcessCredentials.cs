using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Amazon.Runtime;

namespace SsmHybridRole.Engine.Connections
{
    /// <summary>
    /// Credentials printed by a profile's credential_process (the AWS CLI's JSON, Version 1). The process runs with
    /// the command's cancellation and a bounded wait: when either ends the wait, the process is killed, so a
    /// helper that hangs (a prompt nobody sees, a network that never answers) never hangs PowerShell.
    /// </summary>
    internal sealed class ProcessCredentials : BoundedCredentials
    {
        private readonly string profileName;
        private readonly string commandLine;

        public ProcessCredentials(string profileName, string commandLine)
            : base($"the credential_process of profile '{profileName}'", TimeSpan.FromMinutes(1))
        {
            this.profileName = profileName;
            this.commandLine = commandLine;
        }

        protected override async Task<CredentialsRefreshState> FetchAsync(CancellationToken cancel)
        {
            var output = await RunAsync(cancel).ConfigureAwait(false);
            try
            {
                using var json = JsonDocument.Parse(output);
                var root = json.RootElement;
                string? Text(string name) => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
                var accessKey = Text("AccessKeyId");
                var secretKey = Text("SecretAccessKey");
                if (string.IsNullOrEmpty(accessKey) || string.IsNullOrEmpty(secretKey))
                {
                    throw Failed("its output has no AccessKeyId and SecretAccessKey.");
                }

                var expires = Text("Expiration") is { } text && DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at) ? at : DateTime.MaxValue;
                return new CredentialsRefreshState(new ImmutableCredentials(accessKey, secretKey, Text("SessionToken")), expires);
            }
            catch (JsonException)
            {
                throw Failed("its output is not the JSON the AWS CLI expects.");
            }
        }

        private async Task<string> RunAsync(CancellationToken cancel)
        {
            var start = new ProcessStartInfo
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                CreateNoWindow = true,
            };
            if (Environment.OSVersion.Platform == PlatformID.Win32NT)
            {
                start.FileName = "cmd.exe";
                start.Arguments = "/d /s /c \"" + commandLine + "\"";
            }
            else
            {
                start.FileName = "/bin/sh";
                start.Arguments = "-c " + QuotedArgument(commandLine);
            }

            using var process = new Process { StartInfo = start, EnableRaisingEvents = true };
            var exited = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            process.Exited += (sender, args) => exited.TrySetResult(true);
            try
            {
                process.Start();
            }
            catch (System.ComponentModel.Win32Exception e)
            {
                throw Failed("it could not be started (" + e.Message + ").");
            }

            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            using (cancel.Register(() => Kill(process)))
            {
                await exited.Task.ConfigureAwait(false);
            }

            cancel.ThrowIfCancellationRequested();
            var text = await output.ConfigureAwait(false);
            if (process.ExitCode != 0)
            {
                var message = (await errors.ConfigureAwait(false)).Trim();
                throw Failed($"it exited with code {process.ExitCode}" + (message.Length == 0 ? "." : ": " + (message.Length > 200 ? message.Substring(0, 200) + "..." : message)));
            }

            return text;
        }

        /// <summary>One argument as .NET splits ProcessStartInfo.Arguments: quoted, with backslashes doubled only before a quote.</summary>
        private static string QuotedArgument(string text)
        {
            var quoted = new System.Text.StringBuilder("\"");
            var backslashes = 0;
            foreach (var c in text)
            {
                if (c == '\\')
                {
                    backslashes++;
                    continue;
                }

                quoted.Append('\\', c == '"' ? (backslashes * 2) + 1 : backslashes).Append(c);
                backslashes = 0;
            }

            return quoted.Append('\\', backslashes * 2).Append('"').ToString();
        }

        /// <summary>Kills the process and, where the runtime can (PowerShell 7), everything it started.</summary>
        private static void Kill(Process process)
        {
            try
            {
                if (!process.HasExited)
                {
                    var killTree = typeof(Process).GetMethod("Kill", new[] { typeof(bool) });
                    if (killTree != null)
                    {
                        killTree.Invoke(process, new object[] { true });
                    }
                    else
                    {
                        process.Kill();
                    }
                }
            }
            catch (Exception e) when (e is InvalidOperationException || e.InnerException is InvalidOperationException)
            {
                // It exited on its own meanwhile.
            }
        }

        private SsmHybridRoleException Failed(string reason)
            => new SsmHybridRoleException(ErrorIds.CredentialProcessFailed, FailureKind.Authentication, ConnectionMessages.CredentialProcessFailed(profileName, reason), profileName);
    }
}
