using System.Linq;

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

        /// <summary>How many checks failed.</summary>
        public int Fail => FindingSummary.Count(Findings.Select(f => f.Status), FindingSummary.Fail);

        /// <summary>How many checks warned.</summary>
        public int Warn => FindingSummary.Count(Findings.Select(f => f.Status), FindingSummary.Warning);

        /// <summary>The message of the first failed check, else of the first warning; null when every check passed.</summary>
        public string? FirstProblem => FindingSummary.FirstProblem(Findings.Select(f => (f.Status, f.Message)));

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

    /// <summary>The summary columns of a verdict made of findings (a role's checks, a Region's connectivity).</summary>
    internal static class FindingSummary
    {
        public const string Fail = "Fail";
        public const string Warning = "Warning";

        public static int Count(IEnumerable<string> statuses, string status) => statuses.Count(s => s == status);

        public static string? FirstProblem(IEnumerable<(string Status, string Message)> findings)
        {
            var list = findings.ToList();
            return list.Where(f => f.Status == Fail).Concat(list.Where(f => f.Status == Warning)).Select(f => f.Message).FirstOrDefault();
        }
    }
}
