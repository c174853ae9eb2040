using SsmHybridRole.Engine.Iam.Model;

namespace SsmHybridRole.Engine.Roles
{
    /// <summary>A role as the engine reports it: IAM's fields with the trust policy decoded and read.</summary>
    internal sealed class HybridRole
    {
        private HybridRole(Role role, IReadOnlyList<AttachedPolicy> attachedPolicies, IReadOnlyDictionary<string, string> tags)
        {
            RoleName = role.RoleName;
            Arn = role.Arn;
            RoleId = role.RoleId;
            Path = role.Path;
            CreateDate = role.CreateDate;
            Description = string.IsNullOrEmpty(role.Description) ? null : role.Description;
            MaxSessionDuration = role.MaxSessionDuration;
            PermissionsBoundary = role.PermissionsBoundary?.PermissionsBoundaryArn;
            var decoded = role.AssumeRolePolicyDocument is null ? null : PolicyJson.Decode(role.AssumeRolePolicyDocument);
            TrustPolicyDocument = decoded is null ? null : PolicyJson.Format(decoded);
            Trust = TrustPolicy.Analyze(decoded);
            AttachedPolicies = attachedPolicies;
            Tags = tags;
            LastUsedDate = role.RoleLastUsed?.LastUsedDate;
            LastUsedRegion = role.RoleLastUsed?.Region;
        }

        public string RoleName { get; }

        public string Arn { get; }

        public string RoleId { get; }

        public string Path { get; }

        public DateTime? CreateDate { get; }

        public string? Description { get; }

        public int? MaxSessionDuration { get; }

        public string? PermissionsBoundary { get; }

        /// <summary>The trust policy as JSON text (decoded from IAM's URL encoding, indented).</summary>
        public string? TrustPolicyDocument { get; }

        public TrustPolicyAnalysis Trust { get; }

        public IReadOnlyList<AttachedPolicy> AttachedPolicies { get; }

        public IReadOnlyDictionary<string, string> Tags { get; }

        /// <summary>
        /// The module's one definition of a hybrid service role: a role made by this module (it carries the creation
        /// marker), or one whose trust lets ssm.amazonaws.com assume it and that has AmazonSSMManagedInstanceCore (or
        /// the deprecated AmazonEC2RoleforSSM) attached, as the console's hybrid role does. Automation, Maintenance
        /// Window, Quick Setup and Change Manager roles trust SSM too, but have neither.
        /// </summary>
        public bool IsHybridServiceRole
            => Tags.ContainsKey(KnownNames.CreationMarkerTag)
               || (Trust.AllowsSsmAssumeRole && AttachedPolicies.Any(p => ManagedPolicyCatalog.IsNodePolicy(p.PolicyArn)));

        /// <summary>The role as SSM names it in activations and managed nodes: path (without the leading '/') and name.</summary>
        public string SsmName => (Path.Trim('/').Length == 0 ? string.Empty : Path.Trim('/') + "/") + RoleName;

        /// <summary>When the role was last used (IAM tracks the last 400 days); null when never, or when IAM did not say (ListRoles does not).</summary>
        public DateTime? LastUsedDate { get; }

        /// <summary>The Region where the role was last used.</summary>
        public string? LastUsedRegion { get; }

        internal static HybridRole From(Role role, IEnumerable<AttachedPolicy> attachedPolicies, IEnumerable<Tag>? tags = null)
            => new HybridRole(
                role,
                attachedPolicies.ToList(),
                (tags ?? role.Tags).GroupBy(t => t.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.OrdinalIgnoreCase));
    }
}
