using SsmHybridRole.Engine.Activations;
using SsmHybridRole.Engine.Connectivity;
using SsmHybridRole.Engine.ManagedNodes;

namespace SsmHybridRole
{
    /// <summary>Systems Manager results (activations, managed nodes, tiers, connectivity) to the public output types.</summary>
    internal static class SsmOutputMapper
    {
        public static HybridActivation ToOutput(CreatedActivation created)
            => new HybridActivation(created.ActivationCode)
            {
                ActivationId = created.ActivationId,
                Region = created.Region,
                IamRole = created.IamRole,
                Description = created.Description,
                ExpirationDate = created.ExpirationDate,
                RegistrationLimit = created.RegistrationLimit,
                DefaultInstanceName = created.DefaultInstanceName,
                CreatedDate = DateTime.UtcNow,
            };

        public static HybridActivation ToOutput(ListedActivation listed)
            => new HybridActivation(null)
            {
                ActivationId = listed.ActivationId,
                Region = listed.Region,
                IamRole = listed.IamRole,
                Description = listed.Description,
                DefaultInstanceName = listed.DefaultInstanceName,
                RegistrationLimit = listed.RegistrationLimit,
                RegistrationsCount = listed.RegistrationsCount,
                ExpirationDate = listed.ExpirationDate,
                Expired = listed.Expired,
                CreatedDate = listed.CreatedDate,
                Tags = OutputMapper.Tags(listed.Tags),
            };

        public static HybridManagedNode ToOutput(ManagedNode n)
            => new HybridManagedNode
            {
                InstanceId = n.InstanceId,
                Region = n.Region,
                Name = n.Name,
                ComputerName = n.ComputerName,
                IPAddress = n.IPAddress,
                PlatformType = n.PlatformType,
                PlatformName = n.PlatformName,
                PlatformVersion = n.PlatformVersion,
                AgentVersion = n.AgentVersion,
                IsLatestVersion = n.IsLatestVersion,
                PingStatus = n.PingStatus,
                LastPingDateTime = n.LastPingDateTime,
                RegistrationDate = n.RegistrationDate,
                IamRole = n.IamRole,
                ActivationId = n.ActivationId,
                AssociationStatus = n.AssociationStatus,
            };

        public static HybridInstanceTier ToOutput(InstanceTierSetting s)
            => new HybridInstanceTier
            {
                Region = s.Region,
                Tier = s.IsAdvanced ? InstanceTier.Advanced : InstanceTier.Standard,
                Status = s.Status,
                LastModifiedDate = s.LastModifiedDate,
                LastModifiedUser = s.LastModifiedUser,
                SettingArn = s.Arn,
            };

        public static HybridConnectivityResult ToOutput(ConnectivityResult r)
            => new HybridConnectivityResult
            {
                Region = r.Region,
                Passed = r.Passed,
                Proxy = r.Proxy,
                ClockSkew = r.ClockSkew,
                Findings = r.Findings.Select(f => new HybridConnectivityFinding
                {
                    Endpoint = f.Endpoint,
                    Check = f.Check,
                    Status = f.Status.ToString(),
                    Message = f.Message,
                    Remedy = f.Remedy is null ? null : CommandText.Parameters(f.Remedy),
                }).ToArray(),
            };
    }
}
