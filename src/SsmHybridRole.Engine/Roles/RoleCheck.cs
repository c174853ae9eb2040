namespace SsmHybridRole.Engine.Roles
{
    internal enum CheckStatus
    {
        Pass,
        Warning,
        Fail,
    }

    /// <summary>One check of a role: what was checked, how it came out, and what fixes it.</summary>
    internal sealed record RoleFinding(string Check, CheckStatus Status, string Message, Remedy? Remedy = null);

    /// <summary>Every finding for one role; it passes when none failed (warnings do not fail it).</summary>
    internal sealed record RoleTestResult(string RoleName, IReadOnlyList<RoleFinding> Findings)
    {
        public bool Passed => Findings.All(f => f.Status != CheckStatus.Fail);
    }
}
