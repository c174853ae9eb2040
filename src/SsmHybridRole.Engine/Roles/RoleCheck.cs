
namespace SsmHybridRole.Engine.Roles
{
    internal enum CheckStatus
    {
        Pass,
        Warning,
        Fail,
    }

    /// <summary>One check of a role: what was checked, how it came out, and what fixes it.</summary>
    internal sealed class RoleFinding
    {
        public RoleFinding(string check, CheckStatus status, string message, Remedy? remedy = null)
        {
            Check = check;
            Status = status;
            Message = message;
            Remedy = remedy;
        }

        public string Check { get; }

        public CheckStatus Status { get; }

        public string Message { get; }

        /// <summary>What to run to fix a failed or warned check; null when it passed.</summary>
        public Remedy? Remedy { get; }
    }

    /// <summary>Every finding for one role; it passes when none failed (warnings do not fail it).</summary>
    internal sealed class RoleTestResult
    {
        public RoleTestResult(string roleName, IReadOnlyList<RoleFinding> findings)
        {
            RoleName = roleName;
            Findings = findings;
        }

        public string RoleName { get; }

        public IReadOnlyList<RoleFinding> Findings { get; }

        public bool Passed => Findings.All(f => f.Status != CheckStatus.Fail);
    }
}
