using System.Collections;
using SsmHybridRole.Engine.CustomerPolicies;
using SsmHybridRole.Engine.Policies;
using SsmHybridRole.Engine.Roles;

namespace SsmHybridRole
{
    /// <summary>Engine results to the public output types: the one place where the two meet.</summary>
    internal static class OutputMapper
    {
        public static HybridServiceRole ToOutput(HybridRole role, IEnumerable<PlannedChange> changes)
        {
            var output = ToOutput(role);
            output.Changes = ToOutput(role.RoleName, changes);
            return output;
        }

        public static HybridRoleChange[] ToOutput(string roleName, IEnumerable<PlannedChange> changes)
            => changes.Select(c => new HybridRoleChange
            {
                RoleName = roleName,
                Change = c.Kind.ToString(),
                Target = c.Target,
                From = c.From,
                To = c.To,
                Summary = CommandText.Parameters(c.Description),
                Applied = c.Applied,
            }).ToArray();

        public static HybridRoleTestResult ToOutput(RoleTestResult result, string? accountId)
            => new HybridRoleTestResult
            {
                RoleName = result.RoleName,
                AccountId = accountId,
                Passed = result.Passed,
                Findings = result.Findings.Select(f => new HybridRoleFinding
                {
                    RoleName = result.RoleName,
                    Check = f.Check,
                    Status = f.Status.ToString(),
                    Message = f.Message,
                    Remedy = CommandText.Of(f.Remedy),
                }).ToArray(),
            };

        public static HybridServiceRole ToOutput(HybridRole role)
        {
            return new HybridServiceRole
            {
                RoleName = role.RoleName,
                AccountId = Arn.Parse(role.Arn)?.Account ?? string.Empty,
                Arn = role.Arn,
                RoleId = role.RoleId,
                Path = role.Path,
                CreateDate = role.CreateDate,
                Description = role.Description,
                MaxSessionDuration = role.MaxSessionDuration,
                PermissionsBoundary = role.PermissionsBoundary,
                TrustPolicy = role.TrustPolicyDocument,
                RoleLastUsed = role.LastUsedDate is null && role.LastUsedRegion is null ? null : new HybridRoleLastUsed { LastUsedDate = role.LastUsedDate, Region = role.LastUsedRegion },
                TrustsSsm = role.Trust.AllowsSsmAssumeRole,
                IsHybridServiceRole = role.IsHybridServiceRole,
                SourceAccount = role.Trust.SourceAccounts.ToArray(),
                SourceArn = role.Trust.SourceArns.ToArray(),
                AttachedPolicies = role.AttachedPolicies.Select(p => new HybridRolePolicy
                {
                    PolicyName = p.PolicyName,
                    PolicyArn = p.PolicyArn,
                    ShortName = ManagedPolicyCatalog.FromArn(p.PolicyArn)?.ShortName ?? p.PolicyName,
                }).ToArray(),
                Tags = Tags(role.Tags),
            };
        }

        /// <summary>Tags as the hashtable every output object carries, keys matched without regard to case.</summary>
        public static Hashtable Tags(IEnumerable<KeyValuePair<string, string>> tags)
        {
            var table = new Hashtable(StringComparer.OrdinalIgnoreCase);
            foreach (var tag in tags)
            {
                table[tag.Key] = tag.Value;
            }

            return table;
        }

        public static HybridS3BucketPolicy ToOutput(CustomerPolicy policy)
            => new HybridS3BucketPolicy
            {
                PolicyName = policy.PolicyName,
                PolicyArn = policy.PolicyArn,
                Document = policy.Document,
                VersionId = policy.VersionId,
                Outcome = policy.Outcome.ToString(),
            };
    }
}
