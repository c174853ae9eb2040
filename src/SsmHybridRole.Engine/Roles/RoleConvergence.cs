
namespace SsmHybridRole.Engine.Roles
{
    internal enum ChangeKind
    {
        CreateRole,
        UpdateTrustPolicy,
        UpdateDescription,
        UpdateMaxSessionDuration,
        SetPermissionsBoundary,
        SetTag,
        AttachPolicy,
        DetachPolicy,
    }

    /// <summary>One difference between a role and what was asked for, and whether it has been applied.</summary>
    internal sealed class PlannedChange
    {
        internal PlannedChange(ChangeKind kind, string target, string? from, string? to, string description)
        {
            Kind = kind;
            Target = target;
            From = from;
            To = to;
            Description = description;
        }

        public ChangeKind Kind { get; }

        /// <summary>What the change is about: the role, a policy ARN, a tag key.</summary>
        public string Target { get; }

        public string? From { get; }

        public string? To { get; }

        /// <summary>One line for -WhatIf and -Confirm.</summary>
        public string Description { get; }

        public bool Applied { get; internal set; }

        public override string ToString() => (Applied ? "applied: " : "not applied: ") + Description;
    }

    /// <summary>The changes that would bring a role to the wanted state; empty when it is there already.</summary>
    internal sealed class ConvergencePlan
    {
        internal ConvergencePlan(ValidatedRoleSpec spec, HybridRole? current, string desiredTrust, IReadOnlyList<PlannedChange> changes)
        {
            Spec = spec;
            Current = current;
            RoleExists = current != null;
            DesiredTrust = desiredTrust;
            Changes = changes;
        }

        public string RoleName => Spec.Spec.RoleName;

        public bool RoleExists { get; }

        public IReadOnlyList<PlannedChange> Changes { get; }

        public bool InDesiredState => Changes.Count == 0;

        internal ValidatedRoleSpec Spec { get; }

        internal string DesiredTrust { get; }

        /// <summary>The role as it was read for the plan; null when it did not exist.</summary>
        internal HybridRole? Current { get; }
    }

    /// <summary>The role after convergence, with every planned change and whether it was applied.</summary>
    internal sealed class ConvergenceResult
    {
        public ConvergenceResult(HybridRole role, IReadOnlyList<PlannedChange> changes)
        {
            Role = role;
            Changes = changes;
        }

        public HybridRole Role { get; }

        public IReadOnlyList<PlannedChange> Changes { get; }
    }
}
