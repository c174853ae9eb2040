namespace SsmHybridRole.Infrastructure
{
    /// <summary>
    /// Role names as a command line gives them, the way Get-, Test- and Remove-SsmHybridServiceRole read them:
    /// an exact name is one role (a missing one is RoleNotFound); wildcards, and no name at all, select from one
    /// listing of the account, where no name means the hybrid service roles only.
    /// </summary>
    internal sealed class RoleNameSelection
    {
        private readonly List<WildcardPattern> patterns = new List<WildcardPattern>();
        private bool everything;

        /// <summary>True once a wildcard or an empty name list asked for a listing.</summary>
        public bool NeedsListing => everything || patterns.Count > 0;

        /// <summary>True when the listing keeps hybrid service roles only: no name was given at all.</summary>
        public bool HybridOnly => everything && patterns.Count == 0;

        /// <summary>Takes the names of one pipeline input and returns the exact ones, to be read one by one.</summary>
        public IEnumerable<string> Add(string[]? names)
        {
            if (names is null || names.Length == 0)
            {
                everything = true;
                return Array.Empty<string>();
            }

            patterns.AddRange(names.Where(WildcardPattern.ContainsWildcardCharacters).Select(n => new WildcardPattern(n, WildcardOptions.IgnoreCase)));
            return names.Where(n => !WildcardPattern.ContainsWildcardCharacters(n)).ToList();
        }

        /// <summary>Whether a listed role's name was asked for.</summary>
        public bool Matches(string roleName) => everything || patterns.Any(p => p.IsMatch(roleName));
    }
}
