using System.Collections.Generic;
using System.Linq;

namespace SsmHybridRole.Engine.Roles
{
    public enum CheckStatus
    {
        Pass,
        Warning,
        Fail,
    }

    /// <summary>One check of a role: what was checked, how it came out, and the exact command that fixes it.</summary>
    public sealed class RoleFinding
    {
        public RoleFinding(string check, CheckStatus status, string message, string? remedy = null)
        {
            Check = check;
            Status = status;
            Message = message;
            Remedy = remedy;
        }

        public string Check { get; }

        public CheckStatus Status { get; }

        public string Message { get; }

        public string? Remedy { get; }
    }

    /// <summary>Every finding for one role; it passes when none failed (warnings do not fail it).</summary>
    public sealed class RoleTestResult
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
