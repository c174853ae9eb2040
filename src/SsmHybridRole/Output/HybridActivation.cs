using System.Runtime.InteropServices;
using System.Security;

namespace SsmHybridRole
{
    /// <summary>
    /// A hybrid activation. The activation code is a secret: it is held as a SecureString, shown masked, and
    /// given as text only when asked for (<see cref="GetActivationCode"/>, <see cref="GetRegistrationCommand"/>).
    /// </summary>
#pragma warning disable CA1001 // like PSCredential, an output object that holds a SecureString for as long as the user keeps it
    public sealed class HybridActivation
    {
        private readonly SecureString activationCode;

        internal HybridActivation(string activationCode)
        {
            this.activationCode = new SecureString();
            foreach (var c in activationCode)
            {
                this.activationCode.AppendChar(c);
            }

            this.activationCode.MakeReadOnly();
        }

        public string ActivationId { get; internal set; } = string.Empty;

        /// <summary>The code, masked: use GetActivationCode() for the text.</summary>
        public SecureString ActivationCode => activationCode;

        public string Region { get; internal set; } = string.Empty;

        /// <summary>The role as CreateActivation named it: path/name.</summary>
        public string IamRole { get; internal set; } = string.Empty;

        public DateTime? ExpirationDate { get; internal set; }

        public int RegistrationLimit { get; internal set; }

        public string? DefaultInstanceName { get; internal set; }

        /// <summary>The activation code as text, on purpose: for registering SSM Agent.</summary>
        public string GetActivationCode()
        {
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

        /// <summary>The SSM Agent command that registers a server with this activation (it contains the code).</summary>
        public string GetRegistrationCommand(bool windows = false)
            => windows
                ? $"& \"$env:ProgramFiles\\Amazon\\SSM\\amazon-ssm-agent.exe\" -register -code \"{GetActivationCode()}\" -id \"{ActivationId}\" -region \"{Region}\""
                : $"sudo amazon-ssm-agent -register -code \"{GetActivationCode()}\" -id \"{ActivationId}\" -region \"{Region}\"";

        public override string ToString() => ActivationId;
    }
#pragma warning restore CA1001
}
