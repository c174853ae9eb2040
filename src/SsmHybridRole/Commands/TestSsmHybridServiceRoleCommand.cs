using System;
using System.Management.Automation;
using SsmHybridRole.Engine.Roles;
using SsmHybridRole.Infrastructure;

namespace SsmHybridRole.Commands
{
    /// <summary>
    /// Checks hybrid service roles: the role exists, its trust lets ssm.amazonaws.com assume it with
    /// consistent confused-deputy conditions, AmazonSSMManagedInstanceCore is attached, the deprecated policy
    /// is not relied on, the attached-policies quota has room, and it is not service-linked.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "SsmHybridServiceRole")]
    [OutputType(typeof(HybridRoleTestResult), typeof(bool))]
    public sealed class TestSsmHybridServiceRoleCommand : SsmHybridAwsCmdlet
    {
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(RoleNameCompleter))]
        [ValidateNotNullOrEmpty]
        public string[] RoleName { get; set; } = { HybridRoleSpec.DefaultRoleName };

        /// <summary>Regions the trust's aws:SourceArn must cover.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(RegionCompleter))]
        public string[]? ActivationRegion { get; set; }

        /// <summary>Return only $true or $false for each role.</summary>
        [Parameter]
        public SwitchParameter Quiet { get; set; }

        protected override void ProcessRecord()
        {
            foreach (var name in RoleName)
            {
                Try(() =>
                {
                    var result = RunWithConnection((connection, call, cancel) => new RoleCheckService(connection, call).TestAsync(name, ActivationRegion ?? Array.Empty<string>(), cancel));
                    WriteObject(Quiet ? result.Passed : OutputMapper.ToOutput(result));
                });
            }
        }
    }
}
