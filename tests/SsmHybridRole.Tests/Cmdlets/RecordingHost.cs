using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;

namespace SsmHybridRole.Tests.Cmdlets
{
    /// <summary>
    /// A host with a user interface, as a console is to a user: it records what it shows (warnings, the questions
    /// and their default answer) and answers a question as a user would, by default with Enter (the default choice).
    /// </summary>
    public sealed class RecordingHost : PSHost
    {
        private readonly RecordingUserInterface ui = new RecordingUserInterface();

        public override string Name => "RecordingHost";

        public override Version Version { get; } = new Version(1, 0);

        public override Guid InstanceId { get; } = Guid.NewGuid();

        public override PSHostUserInterface UI => ui;

        public override CultureInfo CurrentCulture => CultureInfo.InvariantCulture;

        public override CultureInfo CurrentUICulture => CultureInfo.InvariantCulture;

        /// <summary>Warning lines written straight to the host (by a command that has stopped).</summary>
        public IReadOnlyList<string> Warnings => ui.Warnings.ToList();

        /// <summary>Each question asked: its message, its choices without their hot-key marks, and the default.</summary>
        public IReadOnlyList<(string Message, string[] Choices, int Default)> Questions => ui.Questions.ToList();

        /// <summary>The label of the choice to answer with (null: press Enter, the default).</summary>
        public string? Answer { get => ui.Answer; set => ui.Answer = value; }

        public override void SetShouldExit(int exitCode)
        {
        }

        public override void EnterNestedPrompt() => throw new NotSupportedException();

        public override void ExitNestedPrompt() => throw new NotSupportedException();

        public override void NotifyBeginApplication()
        {
        }

        public override void NotifyEndApplication()
        {
        }

        private sealed class RecordingUserInterface : PSHostUserInterface
        {
            public ConcurrentQueue<string> Warnings { get; } = new ConcurrentQueue<string>();

            public ConcurrentQueue<(string, string[], int)> Questions { get; } = new ConcurrentQueue<(string, string[], int)>();

            public string? Answer { get; set; }

            public override PSHostRawUserInterface? RawUI => null;

            public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice)
            {
                var labels = choices.Select(c => c.Label.Replace("&", string.Empty, StringComparison.Ordinal)).ToArray();
                Questions.Enqueue((message, labels, defaultChoice));
                return Answer is null ? defaultChoice : Array.IndexOf(labels, Answer);
            }

            public override void WriteWarningLine(string message) => Warnings.Enqueue(message);

            public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions) => throw new NotSupportedException();

            public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) => throw new NotSupportedException();

            public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) => throw new NotSupportedException();

            public override string ReadLine() => throw new NotSupportedException();

            public override SecureString ReadLineAsSecureString() => throw new NotSupportedException();

            public override void Write(string value)
            {
            }

            public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value)
            {
            }

            public override void WriteLine(string value)
            {
            }

            public override void WriteErrorLine(string value)
            {
            }

            public override void WriteDebugLine(string message)
            {
            }

            public override void WriteProgress(long sourceId, ProgressRecord record)
            {
            }

            public override void WriteVerboseLine(string message)
            {
            }
        }
    }
}
