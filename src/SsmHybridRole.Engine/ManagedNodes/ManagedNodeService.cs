using Amazon.SimpleSystemsManagement.Model;

namespace SsmHybridRole.Engine.ManagedNodes
{
    /// <summary>
    /// Hybrid managed nodes: listing them (DescribeInstanceInformation, filtered to ManagedInstance), moving
    /// them to another role (UpdateManagedInstanceRole) and deregistering them; and the account's instance tier
    /// for them (the activation-tier service setting).
    /// </summary>
    internal sealed class ManagedNodeService : AwsService
    {
        private static readonly string[] HybridOnly = { "ManagedInstance" };

        public ManagedNodeService(AwsConnection connection, IOperationReporter reporter)
            : base(connection, reporter)
        {
        }

        /// <summary>Every hybrid node in <paramref name="regions"/> (default: the connection's) that passes <paramref name="filter"/>, all pages.</summary>
        public async Task ListAsync(IReadOnlyList<string> regions, ManagedNodeFilter filter, Action<ManagedNode> onEach, CancellationToken cancellationToken)
        {
            foreach (var region in Regions(regions))
            {
                var ssm = Aws.Ssm(region);
                var filters = Filters(filter);
                await SsmPages.ForEachAsync(
                    "ssm:DescribeInstanceInformation",
                    async token =>
                    {
                        var page = await ssm.DescribeInstanceInformationAsync(new DescribeInstanceInformationRequest { Filters = filters, MaxResults = 50, NextToken = token }, cancellationToken).ConfigureAwait(false);
                        return ((page.InstanceInformationList ?? new List<InstanceInformation>()).Select(i => ToNode(i, region)), page.NextToken);
                    },
                    onEach,
                    cancellationToken).ConfigureAwait(false);
            }
        }

        /// <summary>Gives the node another IAM role; a role created moments ago is waited for until SSM sees it.</summary>
        public async Task SetRoleAsync(string region, string instanceId, string iamRole, CancellationToken cancellationToken)
        {
            SsmInputRules.ManagedNodeId(instanceId);
            try
            {
                await Aws.Ssm(region).UpdateManagedInstanceRoleAsync(instanceId, iamRole, cancellationToken).ConfigureAwait(false);
            }
            catch (ServiceCallException e) when (Consistency.TransientFailure.IsRoleNotVisibleToSsm(e))
            {
                throw new ServiceCallException(ErrorIds.RoleNotVisibleToSsm, FailureKind.NotFound, Messages.RoleNotVisibleToSsm(iamRole, Consistency.EventualConsistency.Timeout), iamRole, e.ServiceErrorCode, null, e);
            }

            Reporter.Verbose($"Managed node {instanceId} in {region} now uses role '{iamRole}'.");
        }

        /// <summary>One node, read back (after a change).</summary>
        public async Task<ManagedNode?> GetAsync(string region, string instanceId, CancellationToken cancellationToken)
        {
            ManagedNode? found = null;
            await ListAsync(new[] { region }, new ManagedNodeFilter(null, Array.Empty<string>(), Array.Empty<string>(), new[] { instanceId }), n => found = n, cancellationToken).ConfigureAwait(false);
            return found;
        }

        public async Task DeregisterAsync(string region, string instanceId, CancellationToken cancellationToken)
        {
            SsmInputRules.ManagedNodeId(instanceId);
            await Aws.Ssm(region).DeregisterManagedInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false);
            Reporter.Verbose($"Managed node {instanceId} deregistered in {region}; to register the server again it needs a new activation.");
        }

        public async Task<InstanceTierSetting> GetTierAsync(string region, CancellationToken cancellationToken)
        {
            var setting = (await Aws.Ssm(region).GetServiceSettingAsync(InstanceTiers.SettingId, cancellationToken).ConfigureAwait(false)).ServiceSetting;
            return ToTier(region, setting);
        }

        /// <summary>Sets the tier; returns the setting as it is afterwards.</summary>
        public async Task<InstanceTierSetting> SetTierAsync(string region, string tier, CancellationToken cancellationToken)
        {
            var ssm = Aws.Ssm(region);
            await ssm.UpdateServiceSettingAsync(InstanceTiers.SettingId, tier, cancellationToken).ConfigureAwait(false);
            Reporter.Verbose($"The instance tier for hybrid nodes in {region} was set to {tier}.");
            return ToTier(region, (await ssm.GetServiceSettingAsync(InstanceTiers.SettingId, cancellationToken).ConfigureAwait(false)).ServiceSetting);
        }

        private IReadOnlyList<string> Regions(IReadOnlyList<string> regions)
            => regions.Count > 0 ? regions : new[] { Connection.Region ?? throw new SsmHybridRoleException(ErrorIds.RegionRequired, FailureKind.Configuration, Messages.NoRegion) };

        private static List<InstanceInformationStringFilter> Filters(ManagedNodeFilter filter)
        {
            var filters = new List<InstanceInformationStringFilter> { Filter("ResourceType", HybridOnly) };
            if (filter.IamRole != null)
            {
                filters.Add(Filter("IamRole", new[] { filter.IamRole }));
            }

            if (filter.ActivationIds.Count > 0)
            {
                filters.Add(Filter("ActivationIds", filter.ActivationIds));
            }

            if (filter.PingStatuses.Count > 0)
            {
                filters.Add(Filter("PingStatus", filter.PingStatuses));
            }

            if (filter.InstanceIds.Count > 0)
            {
                filters.Add(Filter("InstanceIds", filter.InstanceIds));
            }

            return filters;
        }

        private static InstanceInformationStringFilter Filter(string key, IEnumerable<string> values)
            => new InstanceInformationStringFilter { Key = key, Values = values.ToList() };

        private static ManagedNode ToNode(InstanceInformation i, string region)
            => new ManagedNode(
                i.InstanceId, region, i.Name, i.ComputerName, i.IPAddress, i.PlatformType?.Value, i.PlatformName, i.PlatformVersion, i.AgentVersion, i.IsLatestVersion,
                i.PingStatus?.Value, i.LastPingDateTime, i.RegistrationDate, i.IamRole, i.ActivationId, i.AssociationStatus);

        private static InstanceTierSetting ToTier(string region, ServiceSetting setting)
            => new InstanceTierSetting(region, setting.SettingValue ?? InstanceTiers.Standard, setting.Status, setting.LastModifiedDate, setting.LastModifiedUser, setting.ARN);
    }
}
