using Amazon.Runtime.CredentialManagement;

namespace SsmHybridRole.Engine.Connections
{
    /// <summary>
    /// The Region, in AWS Tools for PowerShell's order: the Region parameter, the session's stored Region, the
    /// named profile's, AWS_REGION / AWS_DEFAULT_REGION, the AWS_PROFILE or default profile's, then, last, the
    /// Region of the EC2 instance this runs on (instance metadata), as the SDKs do.
    /// </summary>
    internal static class RegionResolver
    {
        /// <summary>The Region these options lead to, without resolving credentials or sending anything; null when none is set.</summary>
        public static string? Resolve(ConnectionOptions options)
        {
            if (options is null)
            {
                throw new ArgumentNullException(nameof(options));
            }

            if (options.Region != null)
            {
                InputRules.Region(options.Region, terminating: true);
            }

            var region = EnvironmentVariables.FirstSet(options.Region, options.StoredRegion);
            if (region != null)
            {
                return region;
            }

            var profileName = CredentialChain.SettingsProfile(options);
            var chain = new CredentialProfileStoreChain(options.ProfileLocation);
            if (options.ProfileName != null && chain.TryGetProfile(profileName, out var named) && named.Region != null)
            {
                return named.Region.SystemName;
            }

            region = EnvironmentVariables.FirstSet(EnvironmentVariables.Read("AWS_REGION"), EnvironmentVariables.Read("AWS_DEFAULT_REGION"));
            if (region != null)
            {
                return region;
            }

            return (chain.TryGetProfile(profileName, out var profile) ? profile.Region?.SystemName : null) ?? MetadataCredentials.InstanceRegion();
        }
    }
}
