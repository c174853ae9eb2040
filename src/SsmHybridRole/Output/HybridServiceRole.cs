using System.Collections;

namespace SsmHybridRole
{
    /// <summary>
    /// An IAM service role for hybrid nodes, as every cmdlet emits it. Property names match the next
    /// cmdlet's parameters (RoleName), so it pipes by property name into Add-, Remove- and Get- cmdlets.
    /// </summary>
    public sealed class HybridServiceRole
    {
        public string RoleName { get; set; } = string.Empty;

        /// <summary>The account the role is in (from its ARN).</summary>
        public string AccountId { get; set; } = string.Empty;

        public string Arn { get; set; } = string.Empty;

        public string RoleId { get; set; } = string.Empty;

        public string Path { get; set; } = "/";

        public DateTime? CreateDate { get; set; }

        public string? Description { get; set; }

        public int? MaxSessionDuration { get; set; }

        public string? PermissionsBoundary { get; set; }

        /// <summary>The trust policy as JSON text, decoded from IAM's URL encoding.</summary>
        public string? TrustPolicy { get; set; }

        /// <summary>The same decoded trust policy, under the name AWS Tools' Get-IAMRole gives it (there still URL-encoded).</summary>
        public string? AssumeRolePolicyDocument => TrustPolicy;

        /// <summary>When and where the role was last used, as IAM reports it; null when it was never used.</summary>
        public HybridRoleLastUsed? RoleLastUsed { get; set; }

        /// <summary>True when the trust lets ssm.amazonaws.com assume the role.</summary>
        public bool TrustsSsm { get; set; }

        /// <summary>
        /// True for a hybrid service role: made by this module, or trusting ssm.amazonaws.com with
        /// AmazonSSMManagedInstanceCore (or the deprecated AmazonEC2RoleforSSM) attached.
        /// </summary>
        public bool IsHybridServiceRole { get; set; }

        /// <summary>The aws:SourceAccount values of the trust's SSM statements (empty in the seed's plain form).</summary>
        public string[] SourceAccount { get; set; } = Array.Empty<string>();

        /// <summary>The aws:SourceArn values of the trust's SSM statements.</summary>
        public string[] SourceArn { get; set; } = Array.Empty<string>();

        public HybridRolePolicy[] AttachedPolicies { get; set; } = Array.Empty<HybridRolePolicy>();

        public Hashtable Tags { get; set; } = new Hashtable(StringComparer.OrdinalIgnoreCase);

        /// <summary>What Set-SsmHybridServiceRole changed (or would have); empty when the role was already as asked.</summary>
        public HybridRoleChange[]? Changes { get; set; }

        /// <summary>The trust's confused-deputy conditions: Source (aws:SourceArn present), None (SSM may assume it without them), or '-' (SSM may not assume it).</summary>
        public string Condition => SourceArn.Length > 0 ? "Source" : TrustsSsm ? "None" : "-";

        /// <summary>Short names of the attached policies, comma-separated.</summary>
        public string Policies => string.Join(", ", AttachedPolicies.Select(p => p.ShortName));

        public override string ToString() => RoleName;
    }

    /// <summary>When and in which Region a role was last used (IAM's RoleLastUsed).</summary>
    public sealed class HybridRoleLastUsed
    {
        public DateTime? LastUsedDate { get; set; }

        public string? Region { get; set; }

        public override string ToString() => LastUsedDate is { } date ? date.ToString("u", System.Globalization.CultureInfo.InvariantCulture) + (Region is null ? string.Empty : " in " + Region) : string.Empty;
    }

    /// <summary>A managed policy attached to a role.</summary>
    public sealed class HybridRolePolicy
    {
        public string PolicyName { get; set; } = string.Empty;

        public string PolicyArn { get; set; } = string.Empty;

        /// <summary>The module's short name (ManagedInstanceCore, ...) for AWS's policies of the procedure, else the policy name.</summary>
        public string ShortName { get; set; } = string.Empty;

        public override string ToString() => PolicyName;
    }
}
