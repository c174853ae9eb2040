using System.Runtime.ExceptionServices;
using SsmHybridRole.Engine.Iam.Model;

namespace SsmHybridRole.Engine.Roles
{
    /// <summary>Attaching managed policies to a role, side by side.</summary>
    internal sealed class RolePolicies : AwsService
    {
        public RolePolicies(AwsGateway aws)
            : base(aws)
        {
        }

        /// <summary>
        /// Attaches the policies side by side (they are independent, and a role has at most ten), keeping their
        /// order in the result. Every attempt finishes before this returns, so the caller knows what IAM
        /// confirmed; the first failure, in policy order, is returned to be thrown.
        /// </summary>
        public async Task<(List<AttachedPolicy> Attached, ExceptionDispatchInfo? Failure)> AttachAllAsync(string roleName, IReadOnlyList<string> policyArns, CancellationToken cancellationToken)
        {
            var outcomes = await Task.WhenAll(policyArns.Select(async policyArn =>
            {
                try
                {
                    await Iam.AttachRolePolicyAsync(new AttachRolePolicyRequest { RoleName = roleName, PolicyArn = policyArn }, cancellationToken).ConfigureAwait(false);
                    return (policyArn, (Exception?)null);
                }
                catch (Exception e)
                {
                    return (policyArn, e);
                }
            })).ConfigureAwait(false);
            var attached = outcomes.Where(o => o.Item2 is null).Select(o => new AttachedPolicy { PolicyArn = o.policyArn, PolicyName = Arn.ResourceName(o.policyArn) }).ToList();
            var failure = outcomes.Select(o => o.Item2).FirstOrDefault(e => e != null);
            return (attached, failure is null ? null : ExceptionDispatchInfo.Capture(failure));
        }
    }
}
