// The host the docs' examples run in (tests/Pester/Examples.Tests.ps1): it keeps what a console would show, as
// text, and answers each confirmation prompt Yes, as an admin who reads the prompt and agrees would, keeping the
// prompt. Anything else that waits for a person (Read-Host, a credential prompt, a prompt without a Yes) fails
// the example instead of waiting.
using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;
using System.Text;
using System.Text.RegularExpressions;

namespace SsmHybridRole.Tests
{
    public sealed class ExampleHost : PSHost
    {
        private readonly ExampleHostUI ui = new ExampleHostUI();
        private readonly Guid id = Guid.NewGuid();

        public override string Name => "SsmHybridRoleExampleHost";
        public override Version Version => new Version(1, 0);
        public override Guid InstanceId => id;
        public override PSHostUserInterface UI => ui;
        public ExampleHostUI Console => ui;
        public override CultureInfo CurrentCulture => CultureInfo.CurrentCulture;
        public override CultureInfo CurrentUICulture => CultureInfo.CurrentUICulture;
        public override void SetShouldExit(int exitCode) { }
        public override void EnterNestedPrompt() => throw new NotSupportedException("An example cannot enter a nested prompt.");
        public override void ExitNestedPrompt() { }
        public override void NotifyBeginApplication() { }
        public override void NotifyEndApplication() { }
    }

    public sealed class ExampleHostUI : PSHostUserInterface
    {
        private readonly ExampleRawUI raw = new ExampleRawUI();

        /// <summary>Everything written to the console, in order.</summary>
        public StringBuilder Text { get; } = new StringBuilder();

        /// <summary>Each confirmation prompt, as its caption and message.</summary>
        public List<string> Prompts { get; } = new List<string>();

        public override PSHostRawUserInterface RawUI => raw;

        public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice)
        {
            Prompts.Add(caption + ": " + message);
            for (var i = 0; i < choices.Count; i++)
            {
                if (string.Equals(choices[i].Label.Replace("&", string.Empty), "Yes", StringComparison.OrdinalIgnoreCase))
                {
                    return i;
                }
            }

            throw new PSInvalidOperationException("The example asked a question without a Yes: " + caption + ": " + message);
        }

        public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions)
            => throw new PSInvalidOperationException("The example asked for input: " + caption + ": " + message);

        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName)
            => throw new PSInvalidOperationException("The example asked for a credential: " + message);

        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options)
            => throw new PSInvalidOperationException("The example asked for a credential: " + message);

        public override string ReadLine() => throw new PSInvalidOperationException("The example read a line from the console.");

        public override SecureString ReadLineAsSecureString() => throw new PSInvalidOperationException("The example read a secret from the console.");

        public override void Write(string value) => Text.Append(Plain(value));

        public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Text.Append(Plain(value));

        public override void WriteLine(string value) => Text.Append(Plain(value)).Append('\n');

        public override void WriteErrorLine(string value) => Text.Append(Plain(value)).Append('\n');

        public override void WriteWarningLine(string message) => Text.Append("WARNING: ").Append(message).Append('\n');

        public override void WriteVerboseLine(string message) => Text.Append("VERBOSE: ").Append(message).Append('\n');

        public override void WriteDebugLine(string message) => Text.Append("DEBUG: ").Append(message).Append('\n');

        public override void WriteProgress(long sourceId, ProgressRecord record) { }

        // The text as a terminal without colours shows it: PowerShell's formatter colours table headers and list
        // labels with escape sequences whatever $PSStyle.OutputRendering says to a host it does not know.
        private static string Plain(string value) => value is null ? string.Empty : Regex.Replace(value, "\u001b\\[[0-9;?]*[A-Za-z]", string.Empty);
    }

    /// <summary>A console 250 columns wide, so tables are laid out as a wide terminal shows them.</summary>
    public sealed class ExampleRawUI : PSHostRawUserInterface
    {
        public override ConsoleColor BackgroundColor { get; set; } = ConsoleColor.Black;
        public override ConsoleColor ForegroundColor { get; set; } = ConsoleColor.Gray;
        public override Size BufferSize { get; set; } = new Size(250, 9999);
        public override Coordinates CursorPosition { get; set; }
        public override int CursorSize { get; set; } = 1;
        public override bool KeyAvailable => false;
        public override Size MaxPhysicalWindowSize => new Size(250, 100);
        public override Size MaxWindowSize => new Size(250, 100);
        public override Coordinates WindowPosition { get; set; }
        public override Size WindowSize { get; set; } = new Size(250, 100);
        public override string WindowTitle { get; set; } = string.Empty;
        public override void FlushInputBuffer() { }
        public override BufferCell[,] GetBufferContents(Rectangle rectangle) => throw new NotSupportedException();
        public override KeyInfo ReadKey(ReadKeyOptions options) => throw new PSInvalidOperationException("The example waited for a key.");
        public override void ScrollBufferContents(Rectangle source, Coordinates destination, Rectangle clip, BufferCell fill) { }
        public override void SetBufferContents(Coordinates origin, BufferCell[,] contents) { }
        public override void SetBufferContents(Rectangle rectangle, BufferCell fill) { }
    }
}
