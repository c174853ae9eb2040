using System.Management.Automation.Host;

namespace SsmHybridRole.Infrastructure
{
    /// <summary>
    /// The one way the module's cmdlets ask before a change. A question has No as its default (Enter changes
    /// nothing), and Yes to All / No to All last for the rest of the command's input. When nobody can answer (a
    /// session started with -NonInteractive, input redirected from a file or a pipe, a host without a user
    /// interface such as a bare hosted runspace) the change is refused with a ConfirmationRequired error that
    /// tells how to go on without a question: nothing is guessed, and the next pipeline input is still worked on.
    /// </summary>
    internal sealed class Confirmation
    {
        private const string Caption = "Confirm";

        private bool yesToAll;
        private bool noToAll;

        /// <summary>
        /// Whether PowerShell's ShouldProcess would ask here: not under -WhatIf; with -Confirm (and never with
        /// -Confirm:$false); otherwise when the cmdlet's ConfirmImpact is at or above $ConfirmPreference.
        /// </summary>
        public static bool Due(SsmHybridCmdlet cmdlet)
        {
            if (cmdlet.WhatIfRequested())
            {
                return false;
            }

            if (Typed(cmdlet) is bool confirm)
            {
                return confirm;
            }

            var preference = LanguagePrimitives.TryConvertTo<ConfirmImpact>(cmdlet.GetVariableValue("ConfirmPreference"), out var set) ? set : ConfirmImpact.High;
            var impact = cmdlet.GetType().GetCustomAttributes(typeof(CmdletAttribute), true).OfType<CmdletAttribute>().FirstOrDefault()?.ConfirmImpact ?? ConfirmImpact.Medium;
            return preference != ConfirmImpact.None && impact >= preference;
        }

        /// <summary>-Confirm as typed: true for -Confirm, false for -Confirm:$false, null when not typed.</summary>
        public static bool? Typed(SsmHybridCmdlet cmdlet)
            => cmdlet.MyInvocation.BoundParameters.TryGetValue("Confirm", out var confirm)
                ? confirm is SwitchParameter { IsPresent: true } || (confirm is bool flag && flag)
                : null;

        /// <summary>
        /// Asks about <paramref name="action"/> on <paramref name="target"/> (with <paramref name="query"/>, or the
        /// question ShouldProcess asks), No being the default. When nobody can answer, throws ConfirmationRequired.
        /// </summary>
        public bool Ask(Cmdlet cmdlet, string target, string action, string? query = null)
        {
            if (yesToAll || noToAll)
            {
                return yesToAll;
            }

            if (InputRedirected(cmdlet))
            {
                // The console would read the answer from the file or pipe, and take an empty line for the default.
                throw Required(target, action, null);
            }

            try
            {
                return cmdlet.ShouldContinue(query ?? Query(target, action), Caption, true, ref yesToAll, ref noToAll);
            }
            catch (Exception e) when (e is HostException or PSInvalidOperationException or NotImplementedException)
            {
                // -NonInteractive (PSInvalidOperationException), a host without a user interface (HostException).
                throw Required(target, action, e);
            }
        }

        /// <summary>The question PowerShell's own ShouldProcess would ask.</summary>
        private static string Query(string target, string action)
            => $"Are you sure you want to perform this action?\nPerforming the operation \"{action}\" on target \"{target}\".";

        private static bool InputRedirected(Cmdlet cmdlet)
        {
            try
            {
                return cmdlet.CommandRuntime is not null && (cmdlet as PSCmdlet)?.Host?.Name == "ConsoleHost" && Console.IsInputRedirected;
            }
            catch (System.IO.IOException)
            {
                return true;
            }
        }

        private static SsmHybridRoleException Required(string target, string action, Exception? cause)
            => new SsmHybridRoleException(ErrorIds.ConfirmationRequired, FailureKind.Refused, CommandText.ConfirmationRequired(target, action), target, null, cause);
    }
}
