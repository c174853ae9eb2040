using SsmHybridRole.Engine.Accounts;
using SsmHybridRole.Engine.Connections;
using SsmHybridRole.Engine.Roles;
using SsmHybridRole.Engine.Reporting;
using SsmHybridRole.Engine.Validation;

namespace SsmHybridRole.Infrastructure
{
    /// <summary>
    /// The parameters that describe a wanted role, and where it is wanted, shared by New- and Set-SsmHybridServiceRole.
    /// Each binds by property name, so a CSV row (Import-Csv) or a role read elsewhere keeps every column; text is read
    /// as <see cref="PipelineText"/> says. -AssumeRolePolicyDocument alone does not: a role's own trust, piped from
    /// Get-, would turn off the trust the module keeps, and carry one account's conditions into another.
    /// </summary>
    public abstract class RoleSpecCmdlet : SsmHybridAwsCmdlet
    {
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [RoleNameInput]
        [ValidateNotNullOrEmpty]
        public string RoleName { get; set; } = KnownNames.DefaultRoleName;

        /// <summary>The role's path, e.g. /hybrid/ (default /).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [OptionalText]
        public string? Path { get; set; }

        /// <summary>The role's description. Typed as -Description '', it clears the description; an empty value from the pipeline (an empty CSV cell, a role without one) is not given.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? Description { get; set; }

        /// <summary>3600 to 43200 seconds.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [WholeNumber("MaxSessionDuration", InputRules.MaxSessionDurationRule)]
        public int? MaxSessionDuration { get; set; }

        /// <summary>ARN of a managed policy that bounds the role's permissions.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [OptionalText]
        public string? PermissionsBoundary { get; set; }

        /// <summary>Tags: @{ team = 'ops' }, AWS Tools' shapes (@{ Key = 'team'; Value = 'ops' }, Tag objects), or text 'team=ops;env=prod'.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Tags")]
        public object[]? Tag { get; set; }

        /// <summary>Regions where activations will be created ('*' for all); default: the session's Region.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [TextList]
        [ArgumentCompleter(typeof(RegionCompleter))]
        public string[]? ActivationRegion { get; set; }

        /// <summary>The seed's plain trust policy, without aws:SourceAccount / aws:SourceArn.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [SwitchText("NoSourceCondition")]
        public SwitchParameter NoSourceCondition { get; set; }

        /// <summary>The account the trust names (aws:SourceAccount, aws:SourceArn) when it is not the one the role is made in.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [OptionalText]
        public string? SourceAccountId { get; set; }

        /// <summary>A trust policy of your own (JSON), as New-IAMRole takes it, instead of the one the module builds.</summary>
        [Parameter]
        public string? AssumeRolePolicyDocument { get; set; }

        /// <summary>More AWS managed policies by name: ManagedInstanceCore, DirectoryServiceAccess, CloudWatchAgentServer.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [TextList]
        [ArgumentCompleter(typeof(PolicyNameCompleter))]
        public string[]? Policy { get; set; }

        /// <summary>More managed policies by ARN, such as the custom S3 bucket policy.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [TextList]
        public string[]? PolicyArn { get; set; }

        /// <summary>The accounts to work in (default: the caller's); another account is reached by assuming -AssumeRoleName there.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [TextList]
        public string[]? AccountId { get; set; }

        /// <summary>The role assumed in each other account (default OrganizationAccountAccessRole).</summary>
        [Parameter]
        public string AssumeRoleName { get; set; } = KnownNames.DefaultAssumeRoleName;

        /// <summary>
        /// -Description as typed on the command line, and also from the pipeline unless it is empty there: a partly
        /// filled CSV column, or a role read without a description, must not clear the descriptions of roles.
        /// </summary>
        private string? WantedDescription => string.IsNullOrWhiteSpace(Description) && !descriptionTyped ? null : Description;

        private bool descriptionTyped;

        /// <summary>Notes which parameters were typed, not piped: only those are bound before the first input.</summary>
        protected override void BeginProcessing()
        {
            descriptionTyped = MyInvocation.BoundParameters.ContainsKey(nameof(Description));
            base.BeginProcessing();
        }

        /// <summary>
        /// The parameters as the engine's spec for a role made in <paramref name="account"/> (null: the caller's, looked
        /// up when the trust needs it), validated against the connection's partition. Sends nothing.
        /// </summary>
        internal ValidatedRoleSpec ValidatedSpec(string? account, AwsConnection connection)
        {
            SpecBuilder.CheckTrustParameters(AssumeRolePolicyDocument, ActivationRegion, NoSourceCondition, SourceAccountId);
            if (SourceAccountId != null)
            {
                InputRules.AccountId(SourceAccountId, "SourceAccountId");
            }

            return SpecBuilder.Build(
                    RoleName, Path, WantedDescription, MaxSessionDuration, PermissionsBoundary, Tag,
                    ActivationRegion, SourceAccountId ?? account, NoSourceCondition, AssumeRolePolicyDocument, Policy, PolicyArn)
                .Validate(connection.Partition, connection.Region);
        }

        /// <summary>
        /// Creates the role in each -AccountId that ShouldProcess approves, a few accounts at a time, each trusting its
        /// own account (or -SourceAccountId); one made but not written when the command stops is taken back.
        /// </summary>
        internal void CreateInAccounts(string action, int throttleLimit)
        {
            Array.ForEach(AccountId ?? Array.Empty<string>(), a => InputRules.AccountId(a));
            var approved = (AccountId ?? Array.Empty<string>()).Distinct(StringComparer.Ordinal).Where(a => ShouldProcess($"role '{RoleName}' in account {a}", action)).ToList();
            if (approved.Count > 0)
            {
                RunInAccounts(
                    Scope(approved, throttleLimit),
                    async (connection, account, call, cancel) => (Role: await new HybridRoleService(connection, call).CreateAsync(ValidatedSpec(account, connection), cancel).ConfigureAwait(false), Connection: connection, Reporter: (IOperationReporter)call),
                    (account, made) => WriteObject(OutputMapper.ToOutput(made.Role)),
                    made => cancel => UndoCreation(made.Connection, made.Role, made.Reporter, cancel));
            }
        }

        /// <summary>The accounts to make or converge the role in, with the session policy that allows exactly that.</summary>
        internal AccountScope Scope(IReadOnlyList<string>? accounts, int throttleLimit) => new AccountScope(accounts, AssumeRoleName, throttleLimit, AccountTask.Converge);
    }
}
