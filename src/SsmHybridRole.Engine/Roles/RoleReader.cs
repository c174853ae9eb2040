using SsmHybridRole.Engine.Iam.Model;

namespace SsmHybridRole.Engine.Roles
{
    /// <summary>Reads roles: one by name with its policies and tags, or all that SSM may assume.</summary>
    internal sealed class RoleReader : AwsService
    {
        public RoleReader(AwsConnection connection, IOperationReporter reporter)
            : base(connection, reporter)
        {
        }

        internal RoleReader(AwsGateway aws)
            : base(aws)
        {
        }

        /// <summary>One role with its attached policies and tags.</summary>
        public async Task<HybridRole> GetAsync(string roleName, CancellationToken cancellationToken)
        {
            var roleTask = Iam.GetRoleAsync(new GetRoleRequest { RoleName = roleName }, cancellationToken);
            var attachedTask = ListAttachedAsync(roleName, cancellationToken);
            await Task.WhenAll(roleTask, attachedTask).ConfigureAwait(false);
            return HybridRole.From((await roleTask.ConfigureAwait(false)).Role, await attachedTask.ConfigureAwait(false));
        }

        /// <summary>
        /// Every role (all ListRoles pages) whose name passes <paramref name="nameFilter"/> and, when
        /// <paramref name="requireSsmTrust"/>, whose trust lets ssm.amazonaws.com assume it (and, when
        /// <paramref name="hybridOnly"/>, that is a hybrid service role); each is handed to <paramref name="onRole"/>
        /// as soon as it is read.
        /// </summary>
        public async Task ListAsync(Func<string, bool> nameFilter, bool requireSsmTrust, bool hybridOnly, Action<HybridRole> onRole, CancellationToken cancellationToken)
        {
            if (nameFilter is null || onRole is null)
            {
                throw new ArgumentNullException(nameFilter is null ? nameof(nameFilter) : nameof(onRole));
            }

            var matches = new List<Role>();
            var pages = 0;
            await Iam.ForEachRolePageAsync(
                null,
                page =>
                {
                    pages++;
                    matches.AddRange(page.Where(r => nameFilter(r.RoleName) && (!requireSsmTrust || TrustPolicy.Analyze(r.AssumeRolePolicyDocument).AllowsSsmAssumeRole)));
                    Aws.Reporter.Progress(new OperationProgress(ActivityIds.Listing, "Listing IAM roles", $"Page {pages}: {matches.Count} matching so far"));
                },
                cancellationToken).ConfigureAwait(false);
            Aws.Reporter.Progress(new OperationProgress(ActivityIds.Listing, "Listing IAM roles", "Done", Completed: true));

            // Tags and attached policies are not in ListRoles: read them a few roles at a time, emit in order.
            const int Parallel = 4;
            for (var i = 0; i < matches.Count; i += Parallel)
            {
                var batch = matches.Skip(i).Take(Parallel).Select(r => ReadDetailsAsync(r, cancellationToken)).ToList();
                foreach (var task in batch)
                {
                    if (await task.ConfigureAwait(false) is { } role && (!hybridOnly || role.IsHybridServiceRole))
                    {
                        onRole(role);
                    }
                }
            }
        }

        /// <summary>Names of the roles SSM may assume, from ListRoles alone (no per-role reads): for Tab completion.</summary>
        public async Task<List<string>> ListSsmRoleNamesAsync(CancellationToken cancellationToken)
        {
            var names = new List<string>();
            await Iam.ForEachRolePageAsync(null, page => names.AddRange(page.Where(r => TrustPolicy.Analyze(r.AssumeRolePolicyDocument).AllowsSsmAssumeRole).Select(r => r.RoleName)), cancellationToken).ConfigureAwait(false);
            return names;
        }

        internal Task<List<AttachedPolicy>> ListAttachedAsync(string roleName, CancellationToken cancellationToken)
            => Iam.ListAllAttachedRolePoliciesAsync(roleName, cancellationToken);

        private async Task<HybridRole?> ReadDetailsAsync(Role listed, CancellationToken cancellationToken)
        {
            try
            {
                return await GetAsync(listed.RoleName, cancellationToken).ConfigureAwait(false);
            }
            catch (SsmHybridRoleException e) when (e.ErrorId == ErrorIds.RoleNotFound)
            {
                // Deleted between ListRoles and GetRole: it is no longer there to report.
                Aws.Reporter.Verbose($"Role '{listed.RoleName}' disappeared while it was being read; skipped.");
                return null;
            }
        }
    }
}
