using SsmHybridRole.Engine.Roles;
using SsmHybridRole.Engine.Validation;

namespace SsmHybridRole.Infrastructure
{
    /// <summary>The parameters of Add- and Remove-SsmHybridRolePolicy: a role, the policies by name or ARN, and -PassThru.</summary>
    public abstract class RolePolicyCmdlet : SsmHybridAwsCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(RoleNameCompleter))]
        [ValidateNotNullOrEmpty]
        public string RoleName { get; set; } = string.Empty;

        /// <summary>AWS managed policies by name: ManagedInstanceCore, DirectoryServiceAccess, CloudWatchAgentServer.</summary>
        [Parameter(Position = 1)]
        [ArgumentCompleter(typeof(PolicyNameCompleter))]
        public string[]? Policy { get; set; }

        /// <summary>Managed policies by ARN, such as a custom S3 bucket policy.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string[]? PolicyArn { get; set; }

        /// <summary>
        /// The account the role is in, as a piped role or test result brings it. This command works in the account of
        /// its credentials only, and refuses a role of another account before any change.
        /// </summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? AccountId { get; set; }

        /// <summary>Emit the role with its policies afterwards.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>
        /// The role name checked, and -Policy and -PolicyArn as one list of ARNs in the session's partition; a role of
        /// another account refused (which may ask STS who the caller is, and nothing else).
        /// </summary>
        internal IReadOnlyList<string> ResolvePolicyArns()
        {
            InputRules.RoleName(RoleName);
            if ((Policy is null || Policy.Length == 0) && (PolicyArn is null || PolicyArn.Length == 0))
            {
                throw new InvalidParameterException(ErrorIds.NoPolicySpecified, "Policy", null, "name at least one policy with {Policy} or {PolicyArn}");
            }

            var policyArns = HybridRoleSpec.ResolvePolicyArns(GetConnection().Partition, Policy, PolicyArn, includeRequired: false);
            RefuseRoleOfOtherAccount(AccountId, RoleName);
            return policyArns;
        }

        /// <summary>The policies' names, for -WhatIf and -Confirm.</summary>
        internal static string Describe(IReadOnlyList<string> policyArns) => string.Join(", ", policyArns.Select(Arn.ResourceName));

        /// <summary>The role read back after the change, when -PassThru asked for it.</summary>
        internal void WriteRole(HybridRole? role)
        {
            if (role != null)
            {
                WriteObject(OutputMapper.ToOutput(role));
            }
        }
    }
}
