namespace SsmHybridRole.Engine.Policies
{
    /// <summary>
    /// What a trust policy lets SSM do, and under which source conditions (positive operators only).
    /// HasUnconditionedSsmStatement is true when some statement lets SSM assume the role without
    /// aws:SourceAccount/aws:SourceArn.
    /// </summary>
    internal sealed record TrustPolicyAnalysis(bool IsReadable, string? Problem, bool AllowsSsmAssumeRole, IReadOnlyList<string> SourceAccounts, IReadOnlyList<string> SourceArns, bool HasUnconditionedSsmStatement)
    {
        /// <summary>Principals other than ssm.amazonaws.com that may assume the role: accounts, anyone, federated providers.</summary>
        public IReadOnlyList<string> OtherPrincipals { get; init; } = Array.Empty<string>();

        /// <summary>Statements the module does not manage (another principal, a Sid of the user's).</summary>
        public int UnmanagedStatements { get; init; }

        /// <summary>The Regions the SSM statements' aws:SourceArn conditions cover ('*' for all).</summary>
        public IReadOnlyList<string> SourceRegions => SourceArns.Select(a => Arn.Parse(a)?.Region).Where(r => !string.IsNullOrEmpty(r)).Distinct(StringComparer.Ordinal).ToList()!;

        /// <summary>
        /// The accounts the SSM statements' conditions name (in aws:SourceAccount, or in an aws:SourceArn) other than
        /// <paramref name="account"/>: for a role in that account, SSM acts on behalf of those accounts only.
        /// </summary>
        public IReadOnlyList<string> AccountsOtherThan(string account)
            => SourceAccounts.Concat(SourceArns.Select(a => Arn.Parse(a)?.Account ?? a)).Where(a => a != account).Distinct(StringComparer.Ordinal).ToList();

        internal static TrustPolicyAnalysis Unreadable(string problem)
            => new TrustPolicyAnalysis(false, problem, false, Array.Empty<string>(), Array.Empty<string>(), false);
    }
}
