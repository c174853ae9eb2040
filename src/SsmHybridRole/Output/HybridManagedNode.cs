namespace SsmHybridRole
{
    /// <summary>
    /// A hybrid managed node (an on-premises server or VM registered with an activation, id mi-...). InstanceId
    /// and Region bind by property name to Set- and Unregister-SsmHybridManagedNode.
    /// </summary>
    public sealed class HybridManagedNode
    {
        public string InstanceId { get; set; } = string.Empty;

        public string Region { get; set; } = string.Empty;

        /// <summary>The node's name in Systems Manager (the activation's default instance name, or as set).</summary>
        public string? Name { get; set; }

        public string? ComputerName { get; set; }

        public string? IPAddress { get; set; }

        /// <summary>Windows, Linux or MacOS.</summary>
        public string? PlatformType { get; set; }

        public string? PlatformName { get; set; }

        public string? PlatformVersion { get; set; }

        /// <summary>Platform name and version together, such as Ubuntu 22.04.</summary>
        public string Platform => $"{PlatformName} {PlatformVersion}".Trim();

        public string? AgentVersion { get; set; }

        public bool? IsLatestVersion { get; set; }

        /// <summary>Online, ConnectionLost or Inactive.</summary>
        public string? PingStatus { get; set; }

        public DateTime? LastPingDateTime { get; set; }

        public DateTime? RegistrationDate { get; set; }

        /// <summary>The role the node uses, as SSM names it (path/name).</summary>
        public string? IamRole { get; set; }

        public string? ActivationId { get; set; }

        public string? AssociationStatus { get; set; }

        public override string ToString() => InstanceId;
    }

    /// <summary>A managed node's ping status, as -PingStatus takes it.</summary>
    public enum NodePingStatus
    {
        Online,
        ConnectionLost,
        Inactive,
    }

    /// <summary>The advanced-instances tier setting for hybrid nodes: Standard (free, up to 1,000 nodes) or Advanced (charged per node and hour).</summary>
    public enum InstanceTier
    {
        Standard,
        Advanced,
    }

    /// <summary>The account's instance tier for hybrid nodes in one Region.</summary>
    public sealed class HybridInstanceTier
    {
        public string Region { get; set; } = string.Empty;

        public InstanceTier Tier { get; set; }

        /// <summary>Default, Customized or PendingUpdate (a change that is still being applied).</summary>
        public string? Status { get; set; }

        public DateTime? LastModifiedDate { get; set; }

        public string? LastModifiedUser { get; set; }

        /// <summary>The setting's ARN (arn:aws:ssm:REGION:ACCOUNT:servicesetting/ssm/managed-instance/activation-tier).</summary>
        public string? SettingArn { get; set; }

        public override string ToString() => $"{Region}: {Tier}";
    }

    /// <summary>Test-SsmHybridConnectivity's verdict for one Region, from the server it ran on.</summary>
    public sealed class HybridConnectivityResult
    {
        public string Region { get; set; } = string.Empty;

        /// <summary>True when no check failed (warnings do not fail it).</summary>
        public bool Passed { get; set; }

        /// <summary>The proxy (or proxies) the requests went through; null when direct. Never with its password.</summary>
        public string? Proxy { get; set; }

        /// <summary>How far this server's clock is ahead of AWS's (negative: behind), when an endpoint said its time.</summary>
        public TimeSpan? ClockSkew { get; set; }

        public HybridConnectivityFinding[] Findings { get; set; } = Array.Empty<HybridConnectivityFinding>();

        /// <summary>How many checks failed.</summary>
        public int Fail => FindingSummary.Count(Findings.Select(f => f.Status), FindingSummary.Fail);

        /// <summary>How many checks warned.</summary>
        public int Warn => FindingSummary.Count(Findings.Select(f => f.Status), FindingSummary.Warning);

        /// <summary>The message of the first failed check, else of the first warning; null when every check passed.</summary>
        public string? FirstProblem => FindingSummary.FirstProblem(Findings.Select(f => (f.Status, f.Message)));

        public override string ToString() => Region + (Passed ? ": passed" : ": failed");
    }

    /// <summary>One step of one endpoint's check (Dns, Tcp, Proxy, Tls, Https) or the clock check, with what fixes it.</summary>
    public sealed class HybridConnectivityFinding
    {
        /// <summary>ssm, ssmmessages, ec2messages, 's3 BUCKET', or clock.</summary>
        public string Endpoint { get; set; } = string.Empty;

        public string Check { get; set; } = string.Empty;

        /// <summary>Pass, Warning or Fail.</summary>
        public string Status { get; set; } = string.Empty;

        public string Message { get; set; } = string.Empty;

        public string? Remedy { get; set; }

        public override string ToString() => $"{Status}: {Endpoint} {Check}";
    }
}
