using System.Security.Cryptography;
using System.Text;

namespace SsmHybridRole.Engine.Activations
{
    /// <summary>
    /// A mark, unique per CreateActivation call, at the end of the activation's description. SSM never returns
    /// an activation's code again, so an activation made by a request whose answer was lost (or by the SDK's
    /// retry of it) is useless and must not stay valid: the mark finds every activation the call made. It is
    /// in the description rather than a tag because SSM copies an activation's tags to every node that
    /// registers with it, and because a description needs no tagging permission.
    /// </summary>
    internal sealed class ActivationMarker
    {
        /// <summary>What the mark takes of the description's 256 characters, with the space before it.</summary>
        public const int Length = 33;

        private ActivationMarker(string token) => Text = "[SsmHybridRole " + token + "]";

        /// <summary>"[SsmHybridRole 0123456789abcdef]".</summary>
        public string Text { get; }

        public static ActivationMarker New()
        {
            var bytes = new byte[8];
            using (var random = RandomNumberGenerator.Create())
            {
                random.GetBytes(bytes);
            }

            var token = new StringBuilder(16);
            foreach (var b in bytes)
            {
                token.Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
            }

            return new ActivationMarker(token.ToString());
        }

        /// <summary>The description SSM is sent: the caller's, then the mark.</summary>
        public string Describe(string? description) => string.IsNullOrEmpty(description) ? Text : description + " " + Text;

        public bool Marks(string? description) => description != null && description.EndsWith(Text, StringComparison.Ordinal);

        public override string ToString() => Text;
    }
}
