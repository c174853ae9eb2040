namespace SsmHybridRole
{
    /// <summary>Test-SsmHybridServiceRole's verdict on one role.</summary>
    public sealed class HybridRoleTestResult
    {
        public string RoleName { get; set; } = string.Empty;

        /// <summary>The account checked, when -AccountId named accounts.</summary>
        public string? AccountId { get; set; }

        /// <summary>True when no check failed (warnings do not fail a role).</summary>
        public bool Passed { get; set; }

        public HybridRoleFinding[] Findings { get; set; } = System.Array.Empty<HybridRoleFinding>();

        public override string ToString() => RoleName + (Passed ? ": passed" : ": failed");
    }

    /// <summary>One check of a role: its status, what was found, and the command that fixes it.</summary>
    public sealed class HybridRoleFinding
    {
        public string RoleName { get; set; } = string.Empty;

        public string Check { get; set; } = string.Empty;

        /// <summary>Pass, Warning or Fail.</summary>
        public string Status { get; set; } = string.Empty;

        public string Message { get; set; } = string.Empty;

        /// <summary>The exact command that fixes a failed or warned check.</summary>
        public string? Remedy { get; set; }

        public override string ToString() => $"{Status}: {Check}";
    }
}
