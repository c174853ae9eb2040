using System.Collections.Concurrent;
using SsmHybridRole.Engine.Iam.Model;

namespace SsmHybridRole.Engine.Roles
{
    /// <summary>
    /// Checks an existing role against what Systems Manager needs, finding by finding, each with the remedy
    /// that fixes it. Reads only.
    /// </summary>
    internal sealed class RoleCheckService : AwsService
    {
        // The account's quota hardly ever changes: ask IAM once per connection, not once per role checked.
        private static readonly ConcurrentDictionary<string, int> AttachedPoliciesQuotas = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);

        private readonly RoleReader roles;

        public RoleCheckService(AwsConnection connection, IOperationReporter reporter)
            : base(connection, reporter)
        {
            roles = new RoleReader(Aws);
        }

        private AwsPartition Partition => Connection.Partition;

        /// <summary>
        /// Checks each named role in turn, then each role <paramref name="listed"/> selects from one listing, handing
        /// each result on as it comes; a role that cannot be checked is a failure of its own and the next one is
        /// still checked, unless nothing after it could succeed.
        /// </summary>
        public async Task TestAllAsync(IReadOnlyList<string> roleNames, RoleSelection? listed, IReadOnlyList<string> expectedRegions, Action<RoleTestResult> onResult, Action<Exception> onFailure, CancellationToken cancellationToken)
        {
            var names = roleNames.ToList();
            if (listed != null)
            {
                await roles.ListAsync(listed.Matches, requireSsmTrust: true, listed.HybridOnly, role => names.Add(role.RoleName), cancellationToken).ConfigureAwait(false);
            }

            foreach (var roleName in names)
            {
                try
                {
                    onResult(await TestAsync(roleName, expectedRegions, cancellationToken).ConfigureAwait(false));
                }
                catch (SsmHybridRoleException e) when (!e.IsTerminating)
                {
                    onFailure(e);
                }
            }
        }

        public async Task<RoleTestResult> TestAsync(string roleName, IReadOnlyList<string> expectedRegions, CancellationToken cancellationToken)
        {
            InputRules.RoleName(roleName);
            foreach (var region in expectedRegions)
            {
                InputRules.ActivationRegion(region, Partition);
            }

            HybridRole role;
            try
            {
                role = await roles.GetAsync(roleName, cancellationToken).ConfigureAwait(false);
            }
            catch (ServiceCallException e) when (e.ErrorId == ErrorIds.RoleNotFound)
            {
                return new RoleTestResult(roleName, new[] { new RoleFinding("RoleExists", CheckStatus.Fail, $"The role '{roleName}' does not exist.", Remedy.Run(RemedyCommand.NewRole).Text("RoleName", roleName)) });
            }

            var findings = new List<RoleFinding> { new RoleFinding("RoleExists", CheckStatus.Pass, $"The role exists ({role.Arn}).") };
            findings.Add(role.Path.StartsWith("/aws-service-role/", StringComparison.Ordinal)
                ? new RoleFinding("NotServiceLinked", CheckStatus.Fail, "This is a service-linked role: its AWS service owns it, and it cannot serve hybrid activations.", Remedy.Run(RemedyCommand.NewRole).Text("RoleName", KnownNames.DefaultRoleName))
                : new RoleFinding("NotServiceLinked", CheckStatus.Pass, "The role is not service-linked."));

            findings.Add(role.Trust.AllowsSsmAssumeRole
                ? new RoleFinding("TrustAllowsSsm", CheckStatus.Pass, "The trust policy lets ssm.amazonaws.com sts:AssumeRole.")
                : new RoleFinding("TrustAllowsSsm", CheckStatus.Fail, "The trust policy does not let ssm.amazonaws.com sts:AssumeRole" + (role.Trust.IsReadable ? "." : $" (it cannot be read: {role.Trust.Problem})."), Remedy.Run(RemedyCommand.SetRole).Text("RoleName", roleName)));
            if (role.Trust.AllowsSsmAssumeRole)
            {
                findings.Add(CheckSourceConditions(role, expectedRegions));
            }

            findings.Add(role.Trust.OtherPrincipals.Count == 0
                ? new RoleFinding("OnlySsmMayAssume", CheckStatus.Pass, "No principal other than ssm.amazonaws.com may assume the role.")
                : new RoleFinding("OnlySsmMayAssume", CheckStatus.Fail, $"The trust policy also lets {string.Join(", ", role.Trust.OtherPrincipals)} assume the role: the managed nodes' permissions are open to them.", Remedy.Run(RemedyCommand.SetRole).Text("RoleName", roleName).Flag("ExclusiveTrust")));

            findings.AddRange(CheckPolicies(role));
            findings.Add(await CheckQuotaAsync(role, cancellationToken).ConfigureAwait(false));
            return new RoleTestResult(roleName, findings);
        }

        private RoleFinding CheckSourceConditions(HybridRole role, IReadOnlyList<string> expectedRegions)
        {
            const string Check = "SourceConditions";
            var regionsHint = expectedRegions.Count > 0 ? expectedRegions : new[] { Connection.Region ?? "<region>" };
            var fix = Remedy.Run(RemedyCommand.SetRole).Text("RoleName", role.RoleName).List("ActivationRegion", regionsHint);
            var trust = role.Trust;
            if (trust.HasUnconditionedSsmStatement || trust.SourceArns.Count == 0 || trust.SourceAccounts.Count == 0)
            {
                return new RoleFinding(Check, CheckStatus.Warning, "The trust has no aws:SourceAccount / aws:SourceArn condition, so it does not guard against the confused-deputy problem (AWS has documented both since December 2021).", fix);
            }

            var roleAccount = Arn.Parse(role.Arn)?.Account ?? string.Empty;
            var sourceArns = trust.SourceArns.Select(a => (Text: a, Parts: Arn.Parse(a))).ToList();
            if (trust.AccountsOtherThan(roleAccount).Count > 0)
            {
                return new RoleFinding(Check, CheckStatus.Fail, $"aws:SourceAccount ({string.Join(", ", trust.SourceAccounts)}) and the account in aws:SourceArn ({string.Join(", ", trust.SourceArns)}) must both be the role's account {roleAccount}.", fix);
            }

            var wrongPartition = sourceArns.Where(a => a.Parts!.Partition != Partition.Name || a.Parts.Service != "ssm").Select(a => a.Text).ToList();
            if (wrongPartition.Count > 0)
            {
                return new RoleFinding(Check, CheckStatus.Fail, $"aws:SourceArn {string.Join(", ", wrongPartition)} is not an SSM ARN of partition '{Partition.Name}'.", fix);
            }

            var covered = sourceArns.Select(a => a.Parts!.Region).ToList();
            var missing = expectedRegions.Where(r => !covered.Contains("*") && !covered.Contains(r)).ToList();
            if (missing.Count > 0)
            {
                return new RoleFinding(Check, CheckStatus.Fail, $"aws:SourceArn does not cover the activation Region(s) {string.Join(", ", missing)}; activations there would fail.", fix);
            }

            return new RoleFinding(Check, CheckStatus.Pass, $"aws:SourceAccount {roleAccount} and aws:SourceArn for Region(s) {string.Join(", ", covered)}.");
        }

        private IEnumerable<RoleFinding> CheckPolicies(HybridRole role)
        {
            var coreArn = ManagedPolicyCatalog.ManagedInstanceCore.ArnIn(Partition);

            // AWS keeps it under a path (policy/service-role/AmazonEC2RoleforSSM): match the name, AWS-owned.
            var deprecated = role.AttachedPolicies.FirstOrDefault(p => p.PolicyName == ManagedPolicyCatalog.DeprecatedEc2RoleForSsm && Arn.Parse(p.PolicyArn)?.Account == "aws");
            yield return role.AttachedPolicies.Any(p => p.PolicyArn == coreArn)
                ? new RoleFinding("ManagedInstanceCoreAttached", CheckStatus.Pass, "AmazonSSMManagedInstanceCore is attached.")
                : new RoleFinding("ManagedInstanceCoreAttached", CheckStatus.Fail, "AmazonSSMManagedInstanceCore is not attached: nodes cannot use Systems Manager's core functions.", Remedy.Run(RemedyCommand.AddPolicy).Text("RoleName", role.RoleName).Token("Policy", ManagedPolicyCatalog.ManagedInstanceCore.ShortName));
            yield return deprecated != null
                ? new RoleFinding("NoDeprecatedPolicy", CheckStatus.Warning, "The deprecated AmazonEC2RoleforSSM is attached; AWS replaced it with AmazonSSMManagedInstanceCore, which grants less.", Remedy.Run(RemedyCommand.RemovePolicy).Text("RoleName", role.RoleName).Token("PolicyArn", deprecated.PolicyArn))
                : new RoleFinding("NoDeprecatedPolicy", CheckStatus.Pass, "The deprecated AmazonEC2RoleforSSM is not relied on.");
        }

        private async Task<RoleFinding> CheckQuotaAsync(HybridRole role, CancellationToken cancellationToken)
        {
            var key = Connection.Key;
            if (!AttachedPoliciesQuotas.TryGetValue(key, out var limit))
            {
                var summary = await Aws.Iam.GetAccountSummaryAsync(new GetAccountSummaryRequest(), cancellationToken).ConfigureAwait(false);
                limit = AttachedPoliciesQuotas[key] = summary.SummaryMap.TryGetValue("AttachedPoliciesPerRoleQuota", out var quota) ? quota : 10;
            }

            var count = role.AttachedPolicies.Count;
            return count < limit
                ? new RoleFinding("AttachedPoliciesQuota", CheckStatus.Pass, $"{count} of at most {limit} managed policies attached.")
                : new RoleFinding("AttachedPoliciesQuota", CheckStatus.Warning, $"{count} of at most {limit} managed policies attached: no room for another.", Remedy.Run(RemedyCommand.RemovePolicy).Text("RoleName", role.RoleName).Placeholder("PolicyArn", "a policy it does not need"));
        }
    }
}
