using System.Linq;
using System.Management.Automation;
using SsmHybridRole.Infrastructure;

namespace SsmHybridRole.Commands
{
    /// <summary>
    /// Creates the IAM service role that Systems Manager assumes for hybrid nodes: the trust policy for
    /// ssm.amazonaws.com (with the confused-deputy conditions), AmazonSSMManagedInstanceCore, and any other
    /// policies asked for. A failure part-way undoes what was made.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "SsmHybridServiceRole", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = BuiltTrust)]
    [OutputType(typeof(HybridServiceRole))]
    public sealed class NewSsmHybridServiceRoleCommand : RoleSpecCmdlet
    {
        /// <summary>The account for aws:SourceAccount; default: the caller's, from STS.</summary>
        [Parameter(ParameterSetName = BuiltTrust)]
        public string? AccountId { get; set; }

        protected override void ProcessRecord() => Try(() =>
        {
            var validated = ValidatedSpec(AccountId, GetConnection());
            var policies = string.Join(", ", validated.PolicyArns.Select(a => a.Substring(a.LastIndexOf('/') + 1)));
            if (!ShouldProcess($"role '{RoleName}'", $"Create IAM role trusted by ssm.amazonaws.com and attach {policies}"))
            {
                return;
            }

            var role = RunService((service, call, cancel) => service.CreateAsync(validated, cancel));
            WriteObject(OutputMapper.ToOutput(role));
        });
    }
}
