using SsmHybridRole.Engine.Validation;

namespace SsmHybridRole.Infrastructure
{
    /// <summary>Cmdlets that ask Systems Manager in one or more Regions (-Region &lt;string[]&gt;; default the session's).</summary>
    public abstract class SsmRegionsCmdlet : AwsConnectionCmdlet
    {
        /// <summary>The Regions to ask; the first also makes the connection.</summary>
        [Parameter]
        [Alias("RegionToCall")]
        [ArgumentCompleter(typeof(RegionCompleter))]
        public string[]? Region { get; set; }

        protected override string? ConnectionRegion => Region is { Length: > 0 } ? Region[0] : null;

        /// <summary>The Regions, each checked; empty means the connection's.</summary>
        internal IReadOnlyList<string> Regions() => SsmInputRules.Regions(Region);

        /// <summary>The Regions to act in: those given, else the connection's.</summary>
        internal IReadOnlyList<string> RegionsOrSession()
        {
            var regions = Regions();
            return regions.Count > 0 ? regions : new[] { this.SessionRegion() };
        }
    }

    /// <summary>
    /// Cmdlets that list by role and activation (-RoleName, -RolePath, -ActivationId; a piped role or activation
    /// binds by property name), in one or more Regions.
    /// </summary>
    public abstract class SsmListingCmdlet : SsmRegionsCmdlet
    {
        /// <summary>Only what belongs to this role (name, or path/name).</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(RoleNameCompleter))]
        [ValidateNotNullOrEmpty]
        public string? RoleName { get; set; }

        /// <summary>The role's path; binds from a piped role object's Path.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Path")]
        public string? RolePath { get; set; }

        /// <summary>
        /// The account the role is in, as a piped role or test result brings it. This command works in the account of
        /// its credentials only, and refuses a role of another account before any change.
        /// </summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? AccountId { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(ActivationIdCompleter))]
        [ValidateNotNullOrEmpty]
        public string[]? ActivationId { get; set; }

        /// <summary>The role as SSM names it, or null; checked, and refused when it is in another account.</summary>
        internal string? IamRole()
        {
            var iamRole = RoleName is null ? null : SsmInputRules.SsmRoleName(RoleName, RolePath);
            if (RoleName != null)
            {
                RefuseRoleOfOtherAccount(AccountId, RoleName);
            }

            return iamRole;
        }

        /// <summary>The activation ids, each checked.</summary>
        internal IReadOnlyList<string> ActivationIds()
        {
            var ids = (ActivationId ?? Array.Empty<string>()).ToList();
            ids.ForEach(id => SsmInputRules.ActivationId(id));
            return ids;
        }
    }

    /// <summary>
    /// Cmdlets that act on one Systems Manager resource per pipeline input (an activation, a managed node), in the
    /// Region that input came from (its Region property binds by name), else the session's.
    /// </summary>
    public abstract class SsmResourceCmdlet : AwsConnectionCmdlet
    {
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("RegionToCall")]
        [ArgumentCompleter(typeof(RegionCompleter))]
        public string? Region { get; set; }

        protected override string? ConnectionRegion => Region;

        /// <summary>The Region of this input, checked.</summary>
        internal string TargetRegion()
        {
            if (Region != null)
            {
                InputRules.Region(Region, "Region");
                return Region;
            }

            return this.SessionRegion();
        }
    }

    /// <summary>The Region a command's connection is in, required by every Systems Manager call.</summary>
    internal static class SessionRegionExtensions
    {
        public static string SessionRegion(this AwsConnectionCmdlet cmdlet)
            => cmdlet.GetConnection().Region ?? throw new SsmHybridRoleException(ErrorIds.RegionRequired, FailureKind.Configuration, Messages.NoRegion);
    }
}
