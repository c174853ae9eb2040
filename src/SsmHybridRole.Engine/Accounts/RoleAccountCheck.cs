namespace SsmHybridRole.Engine.Accounts
{
    /// <summary>
    /// A role named together with the account it is in (a piped role or test result brings both), for a task that
    /// works only in the account of the connection's credentials: there, a role of the same name is another role.
    /// </summary>
    internal static class RoleAccountCheck
    {
        /// <summary>
        /// Throws RoleInOtherAccount when <paramref name="roleAccountId"/> is not the connection's account. Nothing to
        /// check without an account; else sts:GetCallerIdentity once per connection, unless it already knows its account.
        /// </summary>
        public static async Task RefuseOtherAccountAsync(AwsConnection connection, IOperationReporter reporter, string roleName, string? roleAccountId, CancellationToken cancellationToken)
        {
            if (string.IsNullOrWhiteSpace(roleAccountId))
            {
                return;
            }

            // A CSV cell may carry spaces around the id.
            roleAccountId = roleAccountId!.Trim();
            InputRules.AccountId(roleAccountId);
            var own = await new AwsGateway(connection, reporter).GetAccountIdAsync(cancellationToken).ConfigureAwait(false);
            if (!string.Equals(own, roleAccountId, StringComparison.Ordinal))
            {
                throw new SsmHybridRoleException(ErrorIds.RoleInOtherAccount, FailureKind.InvalidArgument, Messages.RoleInOtherAccount(roleName, roleAccountId!, own), roleName);
            }
        }
    }
}
