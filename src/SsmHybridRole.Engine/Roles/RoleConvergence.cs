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
    /// <summary>What the caller asks Set- to own beyond its own parts: every attached policy, the whole trust policy.</summary>
    internal sealed record ConvergenceOptions(bool ExclusivePolicy, bool ExclusiveTrust);

    internal sealed record ConvergencePlan(ValidatedRoleSpec Spec, ConvergenceOptions Options, HybridRole? Current, string DesiredTrust, IReadOnlyList<PlannedChange> Changes)
    {
        public string RoleName => Spec.Spec.RoleName;

        /// <summary>False when the role did not exist when it was read for the plan (<see cref="Current"/> is null).</summary>
        public bool RoleExists => Current != null;

        public bool InDesiredState => Changes.Count == 0;
    }

    /// <summary>
    /// The role after convergence, with every planned change and whether it was applied. <see cref="TakeBack"/>
    /// removes the role again when this convergence created it and the caller could not report it. When the role
    /// appeared between the plan and the creation, nothing was applied: <see cref="Replanned"/> is the new plan,
    /// whose changes the caller approves again.
    /// </summary>
    internal sealed record ConvergenceResult(HybridRole? Role, IReadOnlyList<PlannedChange> Changes, Func<CancellationToken, Task>? TakeBack = null)
    {
        public ConvergencePlan? Replanned { get; init; }
    }
}
