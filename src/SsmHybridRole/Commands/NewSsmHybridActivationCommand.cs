using System.Collections;
using SsmHybridRole.Engine.Activations;

namespace SsmHybridRole.Commands
{
    /// <summary>
    /// Creates a hybrid activation (SSM CreateActivation) for a hybrid service role, the next step after the
    /// role. Right after the role is created SSM may not see it yet; that is waited out, with progress.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "SsmHybridActivation", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(HybridActivation))]
    public sealed class NewSsmHybridActivationCommand : SsmHybridAwsCmdlet
    {
        /// <summary>-EndpointUrl of this command reaches Systems Manager.</summary>
        internal override SsmHybridRole.Engine.Connections.ServiceId EndpointService => SsmHybridRole.Engine.Connections.ServiceId.Ssm;

        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(RoleNameCompleter))]
        [ValidateNotNullOrEmpty]
        public string RoleName { get; set; } = KnownNames.DefaultRoleName;

        /// <summary>The role's path; binds from a piped role object's Path.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Path")]
        public string? RolePath { get; set; }

        /// <summary>
        /// The account the role is in, as a piped role or test result brings it. This command works in the account of
        /// its credentials only, and refuses a role of another account before any change.
        /// </summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? AccountId { get; set; }

        /// <summary>How many managed nodes may register with this activation (1 to 1000; default 1).</summary>
        [Parameter]
        public int? RegistrationLimit { get; set; }

        /// <summary>When the activation expires (at most 30 days ahead; default 24 hours).</summary>
        [Parameter]
        public DateTime? ExpirationDate { get; set; }

        [Parameter]
        public string? DefaultInstanceName { get; set; }

        [Parameter]
        public string? Description { get; set; }

        [Parameter]
        public object[]? Tag { get; set; }

        protected override void ProcessRecord() => Try(() =>
        {
            var spec = new ActivationSpec
            {
                RoleName = RoleName,
                RolePath = RolePath,
                RegistrationLimit = RegistrationLimit,
                ExpirationDate = ExpirationDate,
                DefaultInstanceName = DefaultInstanceName,
                Description = Description,
                Tags = SpecBuilder.Tags(Tag),
            };
            spec.Validate(DateTime.UtcNow);
            RefuseRoleOfOtherAccount(AccountId, RoleName);
            var connection = GetConnection();
            if (!ShouldProcess($"role '{spec.IamRole}'", $"Create a hybrid activation in {connection.Region ?? "(no Region)"} for {RegistrationLimit ?? 1} managed node(s)"))
            {
                return;
            }

            WriteObject(SsmOutputMapper.ToOutput(RunWithConnection((c, call, cancel) => new ActivationService(c, call).CreateAsync(spec, cancel))));
        });
    }
}
