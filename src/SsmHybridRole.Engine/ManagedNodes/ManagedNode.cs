namespace SsmHybridRole.Engine.ManagedNodes
{
    /// <summary>A hybrid managed node (mi-...) as DescribeInstanceInformation lists it.</summary>
    internal sealed record ManagedNode(
        string InstanceId,
        string Region,
        string? Name,
        string? ComputerName,
        string? IPAddress,
        string? PlatformType,
        string? PlatformName,
        string? PlatformVersion,
        string? AgentVersion,
        bool? IsLatestVersion,
        string? PingStatus,
        DateTime? LastPingDateTime,
        DateTime? RegistrationDate,
        string? IamRole,
        string? ActivationId,
        string? AssociationStatus);

    /// <summary>Which managed nodes to list; every condition given must hold. Only hybrid nodes (ManagedInstance) are ever listed.</summary>
    internal sealed record ManagedNodeFilter(string? IamRole, IReadOnlyList<string> ActivationIds, IReadOnlyList<string> PingStatuses, IReadOnlyList<string> InstanceIds);

    /// <summary>The account's tier for hybrid nodes in one Region (the service setting /ssm/managed-instance/activation-tier).</summary>
    internal sealed record InstanceTierSetting(string Region, string Value, string? Status, DateTime? LastModifiedDate, string? LastModifiedUser, string? Arn)
    {
        public bool IsAdvanced => string.Equals(Value, InstanceTiers.Advanced, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The values of the activation-tier setting, and its id.</summary>
    internal static class InstanceTiers
    {
        public const string SettingId = "/ssm/managed-instance/activation-tier";
        public const string Standard = "standard";
        public const string Advanced = "advanced";
    }
}
