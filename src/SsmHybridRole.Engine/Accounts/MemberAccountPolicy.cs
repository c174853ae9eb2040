using System.Text;

namespace SsmHybridRole.Engine.Accounts
{
    /// <summary>What a many-account task does in each member account, and so all its assumed session may do there.</summary>
    internal enum AccountTask
    {
        /// <summary>The check of roles: reads the role and the account's quotas.</summary>
        Check,

        /// <summary>The desired state of roles: reads, creates or converges the role (and undoes a failed creation).</summary>
        Converge,
    }

    /// <summary>
    /// The session policy passed when a role is assumed in a member account: it allows only the actions the task
    /// needs (the README's permission table lists the same), so the broad role an organisation grants
    /// (OrganizationAccountAccessRole is AdministratorAccess) is narrowed for the session to what this module does.
    /// </summary>
    internal static class MemberAccountPolicy
    {
        private static readonly Dictionary<AccountTask, string[]> Actions = new Dictionary<AccountTask, string[]>
        {
            [AccountTask.Check] = new[] { "iam:GetRole", "iam:ListAttachedRolePolicies", "iam:GetAccountSummary" },
            [AccountTask.Converge] = new[]
            {
                "iam:GetRole", "iam:ListAttachedRolePolicies", "iam:CreateRole", "iam:UpdateAssumeRolePolicy", "iam:UpdateRole",
                "iam:PutRolePermissionsBoundary", "iam:TagRole", "iam:AttachRolePolicy", "iam:DetachRolePolicy", "iam:DeleteRole",
            },
        };

        public static IReadOnlyList<string> ActionsFor(AccountTask task) => Actions[task];

        /// <summary>The policy document, one Allow statement of the task's actions.</summary>
        public static string For(AccountTask task)
        {
            var document = new StringBuilder("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"SsmHybridRole\",\"Effect\":\"Allow\",\"Action\":[");
            document.Append(string.Join(",", Actions[task].Select(a => "\"" + a + "\"")));
            return document.Append("],\"Resource\":\"*\"}]}").ToString();
        }
    }
}
