using SsmHybridRole.Engine.Roles;
using SsmHybridRole.Engine.Validation;

namespace SsmHybridRole.Infrastructure
{
    /// <summary>The -Policy / -PolicyArn pair of Add- and Remove-SsmHybridRolePolicy, validated and resolved to ARNs.</summary>
    internal sealed class PolicyChange
    {
        private PolicyChange(IReadOnlyList<string> policyArns) => PolicyArns = policyArns;

        public IReadOnlyList<string> PolicyArns { get; }

        public string Describe() => string.Join(", ", PolicyArns.Select(Arn.ResourceName));

        public static PolicyChange Resolve(SsmHybridAwsCmdlet cmdlet, string roleName, string[]? policy, string[]? policyArn)
        {
            InputRules.RoleName(roleName);
            if ((policy is null || policy.Length == 0) && (policyArn is null || policyArn.Length == 0))
            {
                throw new InvalidParameterException(ErrorIds.NoPolicySpecified, "Policy", null, "name at least one policy with {Policy} or {PolicyArn}");
            }

            var partition = cmdlet.GetConnection().Partition;
            return new PolicyChange(HybridRoleSpec.ResolvePolicyArns(partition, policy, policyArn, includeRequired: false));
        }
    }
}
