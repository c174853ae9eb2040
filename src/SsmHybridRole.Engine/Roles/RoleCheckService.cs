using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SsmHybridRole.Engine.Aws;
using SsmHybridRole.Engine.Errors;
using SsmHybridRole.Engine.Iam.Model;
using SsmHybridRole.Engine.Policies;

namespace SsmHybridRole.Engine.Roles
{
    /// <summary>
    /// Checks an existing role against what Systems Manager needs, finding by finding, each with the exact
    /// command that fixes it. Reads only.
    /// </summary>
    public sealed class RoleCheckService
    {
        private readonly AwsConnection connection;
        private readonly HybridRoleService roles;
        private readonly IOperationReporter reporter;

        // The account's quota hardly ever changes: ask IAM once per connection, not once per role checked.
        private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> AttachedPoliciesQuotas = new System.Collections.Concurrent.ConcurrentDictionary<string, int>(StringComparer.Ordinal);

        public RoleCheckService(AwsConnection connection, IOperationReporter reporter)
        {
            this.connection = connection ?? throw new ArgumentNullException(nameof(connection));
            this.reporter = reporter ?? SilentReporter.Instance;
            roles = new HybridRoleService(connection, this.reporter);
        }

        public async Task<RoleTestResult> TestAsync(string roleName, IReadOnlyList<string> expectedRegions, CancellationToken cancellationToken)
        {
            IamInputRules.RoleName(roleName);
            foreach (var region in expectedRegions)
            {
                IamInputRules.ActivationRegion(region, connection.Partition);
            }

            var quoted = Quote(roleName);
            HybridRole role;
            try
            {
                role = await roles.GetAsync(roleName, cancellationToken).ConfigureAwait(false);
            }
            catch (IamOperationException e) when (e.ErrorId == "RoleNotFound")
            {
                return new RoleTestResult(roleName, new[] { new RoleFinding("RoleExists", CheckStatus.Fail, $"The role '{roleName}' does not exist.", $"New-SsmHybridServiceRole -RoleName {quoted}") });
            }

            var findings = new List<RoleFinding> { new RoleFinding("RoleExists", CheckStatus.Pass, $"The role exists ({role.Arn}).") };
            findings.Add(role.Path.StartsWith("/aws-service-role/", StringComparison.Ordinal)
                ? new RoleFinding("NotServiceLinked", CheckStatus.Fail, "This is a service-linked role: its AWS service owns it, and it cannot serve hybrid activations.", $"New-SsmHybridServiceRole -RoleName 'SSMServiceRole'")
                : new RoleFinding("NotServiceLinked", CheckStatus.Pass, "The role is not service-linked."));

            findings.Add(role.Trust.AllowsSsmAssumeRole
                ? new RoleFinding("TrustAllowsSsm", CheckStatus.Pass, "The trust policy lets ssm.amazonaws.com sts:AssumeRole.")
                : new RoleFinding("TrustAllowsSsm", CheckStatus.Fail, "The trust policy does not let ssm.amazonaws.com sts:AssumeRole" + (role.Trust.IsReadable ? "." : $" (it cannot be read: {role.Trust.Problem})."), $"Set-SsmHybridServiceRole -RoleName {quoted}"));
            if (role.Trust.AllowsSsmAssumeRole)
            {
                findings.Add(CheckSourceConditions(role, expectedRegions, quoted));
            }

            findings.AddRange(CheckPolicies(role, quoted));
            findings.Add(await CheckQuotaAsync(role, quoted, cancellationToken).ConfigureAwait(false));
            return new RoleTestResult(roleName, findings);
        }

        private RoleFinding CheckSourceConditions(HybridRole role, IReadOnlyList<string> expectedRegions, string quoted)
        {
            const string Check = "SourceConditions";
            var regionsHint = expectedRegions.Count > 0 ? string.Join(",", expectedRegions) : connection.Region ?? "<region>";
            var fix = $"Set-SsmHybridServiceRole -RoleName {quoted} -ActivationRegion {regionsHint}";
            var trust = role.Trust;
            if (trust.HasUnconditionedSsmStatement || trust.SourceArns.Count == 0 || trust.SourceAccounts.Count == 0)
            {
                return new RoleFinding(Check, CheckStatus.Warning, "The trust has no aws:SourceAccount / aws:SourceArn condition, so it does not guard against the confused-deputy problem (AWS has documented both since December 2021).", fix);
            }

            var roleAccount = ArnAccount(role.Arn);
            var arnParts = trust.SourceArns.Select(a => a.Split(':')).ToList();
            if (trust.SourceAccounts.Any(a => a != roleAccount) || arnParts.Any(p => p.Length < 6 || p[4] != roleAccount))
            {
                return new RoleFinding(Check, CheckStatus.Fail, $"aws:SourceAccount ({string.Join(", ", trust.SourceAccounts)}) and the account in aws:SourceArn ({string.Join(", ", trust.SourceArns)}) must both be the role's account {roleAccount}.", fix);
            }

            var wrongPartition = trust.SourceArns.Where(a => !a.StartsWith("arn:" + connection.Partition.Name + ":ssm:", StringComparison.Ordinal)).ToList();
            if (wrongPartition.Count > 0)
            {
                return new RoleFinding(Check, CheckStatus.Fail, $"aws:SourceArn {string.Join(", ", wrongPartition)} is not an SSM ARN of partition '{connection.Partition.Name}'.", fix);
            }

            var covered = arnParts.Select(p => p[3]).ToList();
            var missing = expectedRegions.Where(r => !covered.Contains("*") && !covered.Contains(r)).ToList();
            if (missing.Count > 0)
            {
                return new RoleFinding(Check, CheckStatus.Fail, $"aws:SourceArn does not cover the activation Region(s) {string.Join(", ", missing)}; activations there would fail.", fix);
            }

            return new RoleFinding(Check, CheckStatus.Pass, $"aws:SourceAccount {roleAccount} and aws:SourceArn for Region(s) {string.Join(", ", covered)}.");
        }

        private IEnumerable<RoleFinding> CheckPolicies(HybridRole role, string quoted)
        {
            var coreArn = ManagedPolicyCatalog.ManagedInstanceCore.ArnIn(connection.Partition);
            var arns = role.AttachedPolicies.Select(p => p.PolicyArn).ToList();

            // AWS keeps it under a path (policy/service-role/AmazonEC2RoleforSSM): match the name, AWS-owned.
            var deprecated = role.AttachedPolicies.FirstOrDefault(p => p.PolicyName == ManagedPolicyCatalog.DeprecatedEc2RoleForSsm && p.PolicyArn.Contains(":iam::aws:policy/"));
            yield return arns.Contains(coreArn)
                ? new RoleFinding("ManagedInstanceCoreAttached", CheckStatus.Pass, "AmazonSSMManagedInstanceCore is attached.")
                : new RoleFinding("ManagedInstanceCoreAttached", CheckStatus.Fail, "AmazonSSMManagedInstanceCore is not attached: nodes cannot use Systems Manager's core functions.", $"Add-SsmHybridRolePolicy -RoleName {quoted} -Policy ManagedInstanceCore");
            yield return deprecated != null
                ? new RoleFinding("NoDeprecatedPolicy", CheckStatus.Warning, "The deprecated AmazonEC2RoleforSSM is attached; AWS replaced it with AmazonSSMManagedInstanceCore, which grants less.", $"Remove-SsmHybridRolePolicy -RoleName {quoted} -PolicyArn {deprecated.PolicyArn}")
                : new RoleFinding("NoDeprecatedPolicy", CheckStatus.Pass, "The deprecated AmazonEC2RoleforSSM is not relied on.");
        }

        private async Task<RoleFinding> CheckQuotaAsync(HybridRole role, string quoted, CancellationToken cancellationToken)
        {
            if (!AttachedPoliciesQuotas.TryGetValue(connection.Key, out var limit))
            {
                reporter.Verbose("iam:GetAccountSummary for the attached-policies quota.");
                var summary = await IamCall.RunAsync(() => connection.Iam.GetAccountSummaryAsync(new GetAccountSummaryRequest(), cancellationToken), "iam:GetAccountSummary", role.RoleName).ConfigureAwait(false);
                limit = AttachedPoliciesQuotas[connection.Key] = summary.SummaryMap.TryGetValue("AttachedPoliciesPerRoleQuota", out var quota) ? quota : 10;
            }

            var count = role.AttachedPolicies.Count;
            return count < limit
                ? new RoleFinding("AttachedPoliciesQuota", CheckStatus.Pass, $"{count} of at most {limit} managed policies attached.")
                : new RoleFinding("AttachedPoliciesQuota", CheckStatus.Warning, $"{count} of at most {limit} managed policies attached: no room for another.", $"Remove-SsmHybridRolePolicy -RoleName {quoted} -PolicyArn <a policy it does not need>");
        }

        private static string ArnAccount(string arn)
        {
            var parts = arn.Split(':');
            return parts.Length > 4 ? parts[4] : string.Empty;
        }

        internal static string Quote(string value) => "'" + value.Replace("'", "''") + "'";
    }
}
