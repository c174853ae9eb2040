using System.Text.RegularExpressions;

namespace SsmHybridRole.Engine.Activations
{
    /// <summary>What a hybrid activation should be, as the caller asks for it.</summary>
    internal sealed class ActivationSpec
    {
        private static readonly Regex InstanceNamePattern = new Regex(@"\A[\p{L}\p{Z}\p{N}_.:/=+\-@]*\z", RegexOptions.CultureInvariant);

        /// <summary>SSM's 256 characters, less the creation mark (<see cref="ActivationMarker"/>).</summary>
        public const int MaxDescriptionLength = 256 - ActivationMarker.Length;

        public string RoleName { get; set; } = string.Empty;

        /// <summary>The role's path (from a piped role object): SSM wants the role as path/name without the leading slash.</summary>
        public string? RolePath { get; set; }

        public int? RegistrationLimit { get; set; }

        public DateTime? ExpirationDate { get; set; }

        public string? DefaultInstanceName { get; set; }

        public string? Description { get; set; }

        public IReadOnlyDictionary<string, string> Tags { get; set; } = new Dictionary<string, string>();

        /// <summary>The IamRole value CreateActivation takes: path (without the leading '/') and name.</summary>
        public string IamRole => SsmInputRules.SsmRoleName(RoleName, RolePath);

        /// <summary>SSM's input rules, checked before any request. <paramref name="now"/> is the clock to judge the expiry by.</summary>
        public void Validate(DateTime now)
        {
            _ = IamRole;

            if (RegistrationLimit is int limit && (limit < 1 || limit > 1000))
            {
                throw new InvalidParameterException(ErrorIds.InvalidRegistrationLimit, "RegistrationLimit", limit, "an activation registers 1 to 1000 managed nodes");
            }

            if (ExpirationDate is DateTime expires && (expires.ToUniversalTime() <= now || expires.ToUniversalTime() > now.AddDays(30)))
            {
                throw new InvalidParameterException(ErrorIds.InvalidExpirationDate, "ExpirationDate", expires, "an activation expires in the future and at most 30 days from now");
            }

            if (DefaultInstanceName != null && (DefaultInstanceName.Length > 256 || !InstanceNamePattern.IsMatch(DefaultInstanceName)))
            {
                throw new InvalidParameterException(ErrorIds.InvalidDefaultInstanceName, "DefaultInstanceName", DefaultInstanceName, "a default instance name is at most 256 letters, digits, spaces or _ . : / = + - @");
            }

            if (Description != null && Description.Length > MaxDescriptionLength)
            {
                throw new InvalidParameterException(ErrorIds.InvalidDescription, "Description", Description, $"an activation's description is at most {MaxDescriptionLength} characters (SSM takes 256; the module adds a {ActivationMarker.Length}-character creation mark)");
            }

            InputRules.Tags(Tags, "Tag", maxTags: 1000);
        }
    }
}
