using SsmHybridRole.Engine.Connections;
using SsmHybridRole.Engine.Reporting;
using SsmHybridRole.Engine.Roles;

namespace SsmHybridRole.Infrastructure
{
    /// <summary>Completes -RoleName with the roles in the account whose trust lets SSM assume them.</summary>
    public sealed class RoleNameCompleter : AccountListCompleter
    {
        internal override async Task<IEnumerable<KeyValuePair<string, string>>> ReadAsync(AwsConnection connection, string? region, CancellationToken cancellationToken)
            => (await new RoleReader(connection, SilentReporter.Instance).ListSsmRoleNamesAsync(cancellationToken).ConfigureAwait(false))
                .Select(n => new KeyValuePair<string, string>(n, n));
    }
}
