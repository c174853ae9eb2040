namespace SsmHybridRole
{
    /// <summary>One change Set-SsmHybridServiceRole planned for a role, and whether it was applied.</summary>
    public sealed class HybridRoleChange
    {
        public string RoleName { get; set; } = string.Empty;

        /// <summary>CreateRole, UpdateTrustPolicy, UpdateDescription, UpdateMaxSessionDuration, SetPermissionsBoundary, SetTag, AttachPolicy or DetachPolicy.</summary>
        public string Change { get; set; } = string.Empty;

        /// <summary>What the change is about: the role, a policy ARN, a tag key.</summary>
        public string Target { get; set; } = string.Empty;

        public string? From { get; set; }

        public string? To { get; set; }

        public string Description { get; set; } = string.Empty;

        public bool Applied { get; set; }

        public override string ToString() => Description;
    }
}
