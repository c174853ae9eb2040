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

        /// <summary>
        /// The change in words, as -WhatIf shows it. Not called Description: piped into Set-SsmHybridServiceRole it
        /// would bind to -Description and become the role's.
        /// </summary>
        public string Summary { get; set; } = string.Empty;

        public bool Applied { get; set; }

        public override string ToString() => Summary;
    }
}
