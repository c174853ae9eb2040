using System.Collections;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Security;

namespace SsmHybridRole
{
    /// <summary>
    /// A hybrid activation. The activation code is a secret: it is held as a SecureString, shown masked, kept
    /// out of serialization (Export-Clixml, jobs, remoting: see SsmHybridRole.Types.ps1xml), and given as text
    /// only when asked for (<see cref="GetActivationCode"/>, <see cref="GetRegistrationCommand()"/>). SSM returns
    /// the code only when it creates the activation; a listed activation has none.
    /// </summary>
#pragma warning disable CA1001 // like PSCredential, an output object that holds a SecureString for as long as the user keeps it
    public sealed class HybridActivation
    {
        private readonly SecureString? activationCode;

        internal HybridActivation(string? activationCode)
        {
            if (activationCode is null)
            {
                return;
            }

            this.activationCode = new SecureString();
            foreach (var c in activationCode)
            {
                this.activationCode.AppendChar(c);
            }

            this.activationCode.MakeReadOnly();
        }

        public string ActivationId { get; internal set; } = string.Empty;

        /// <summary>The code, masked: use GetActivationCode() for the text. Null for a listed activation.</summary>
        public SecureString? ActivationCode => activationCode;

        /// <summary>True when this object holds the code (it was just created).</summary>
        public bool HasActivationCode => activationCode != null;

        public string Region { get; internal set; } = string.Empty;

        /// <summary>The role as SSM names it: path/name.</summary>
        public string IamRole { get; internal set; } = string.Empty;

        public string? Description { get; internal set; }

        public string? DefaultInstanceName { get; internal set; }

        public int RegistrationLimit { get; internal set; }

        /// <summary>How many managed nodes have registered with it.</summary>
        public int RegistrationsCount { get; internal set; }

        public DateTime? ExpirationDate { get; internal set; }

        public bool Expired { get; internal set; }

        public DateTime? CreatedDate { get; internal set; }

        public Hashtable Tags { get; internal set; } = new Hashtable(StringComparer.OrdinalIgnoreCase);

        /// <summary>Registrations of the limit, such as 7/10.</summary>
        public string Used => string.Format(CultureInfo.InvariantCulture, "{0}/{1}", RegistrationsCount, RegistrationLimit);

        /// <summary>'expired', or when it expires (yyyy-MM-dd HH:mm); null when SSM gave no date.</summary>
        public string? Expires => Expired ? "expired" : ExpirationDate?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

        /// <summary>The activation code as text, on purpose: for registering SSM Agent.</summary>
        public string GetActivationCode()
        {
            if (activationCode is null)
            {
                throw new InvalidOperationException(RegistrationCommands.NoCode(ActivationId));
            }

            var pointer = IntPtr.Zero;
            try
            {
                pointer = Marshal.SecureStringToGlobalAllocUnicode(activationCode);
                return Marshal.PtrToStringUni(pointer) ?? string.Empty;
            }
            finally
            {
                Marshal.ZeroFreeGlobalAllocUnicode(pointer);
            }
        }

        /// <summary>The Linux commands that register a server with this activation (they contain the code).</summary>
        public string GetRegistrationCommand() => GetRegistrationCommand(RegistrationPlatform.Linux);

        /// <summary>
        /// What registers a server with this activation: for Windows a PowerShell script that downloads the agent
        /// from the Region's own bucket, installs it, registers it and restarts it; for Linux the register and
        /// restart commands. Id, code and Region are checked and quoted for the target shell. It contains the code.
        /// </summary>
        public string GetRegistrationCommand(RegistrationPlatform platform)
            => RegistrationCommands.For(platform, ActivationId, GetActivationCode(), Region);

        public override string ToString() => ActivationId;
    }
#pragma warning restore CA1001

    /// <summary>The kind of server GetRegistrationCommand writes for.</summary>
    public enum RegistrationPlatform
    {
        Linux,
        Windows,
    }
}
