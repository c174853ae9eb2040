using System.Collections;
using SsmHybridRole.Engine.Connections;
using SsmHybridRole.Engine.Roles;

namespace SsmHybridRole.Infrastructure
{
    /// <summary>The parameters that describe a wanted role, shared by New- and Set-SsmHybridServiceRole.</summary>
    public abstract class RoleSpecCmdlet : SsmHybridAwsCmdlet
    {
        protected const string BuiltTrust = "BuiltTrust";
        protected const string CustomTrust = "CustomTrust";

        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string RoleName { get; set; } = KnownNames.DefaultRoleName;

        /// <summary>The role's path, e.g. /hybrid/ (default /).</summary>
        [Parameter]
        public string? Path { get; set; }

        [Parameter]
        public string? Description { get; set; }

        /// <summary>3600 to 43200 seconds.</summary>
        [Parameter]
        public int? MaxSessionDuration { get; set; }

        /// <summary>ARN of a managed policy that bounds the role's permissions.</summary>
        [Parameter]
        public string? PermissionsBoundary { get; set; }

        /// <summary>Tags: @{ team = 'ops' }, or AWS Tools' shapes, @{ Key = 'team'; Value = 'ops' } and Tag objects.</summary>
        [Parameter]
        public object[]? Tag { get; set; }

        /// <summary>Regions where activations will be created ('*' for all); default: the session's Region.</summary>
        [Parameter(ParameterSetName = BuiltTrust)]
        [ArgumentCompleter(typeof(RegionCompleter))]
        public string[]? ActivationRegion { get; set; }

        /// <summary>The seed's plain trust policy, without aws:SourceAccount / aws:SourceArn.</summary>
        [Parameter(ParameterSetName = BuiltTrust)]
        public SwitchParameter NoSourceCondition { get; set; }

        /// <summary>A trust policy of your own (JSON), as New-IAMRole takes it.</summary>
        [Parameter(Mandatory = true, ParameterSetName = CustomTrust)]
        public string? AssumeRolePolicyDocument { get; set; }

        /// <summary>More AWS managed policies by name: ManagedInstanceCore, DirectoryServiceAccess, CloudWatchAgentServer.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(PolicyNameCompleter))]
        public string[]? Policy { get; set; }

        /// <summary>More managed policies by ARN, such as the custom S3 bucket policy.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string[]? PolicyArn { get; set; }

        /// <summary>
        /// The parameters as the engine's spec for one account (null: the caller's, looked up when needed),
        /// validated against the connection's partition. Sends nothing.
        /// </summary>
        internal ValidatedRoleSpec ValidatedSpec(string? accountId, AwsConnection connection)
            => SpecBuilder.Build(
                    RoleName, Path, Description, MaxSessionDuration, PermissionsBoundary, Tag,
                    ActivationRegion, accountId, NoSourceCondition, AssumeRolePolicyDocument, Policy, PolicyArn)
                .Validate(connection.Partition, connection.Region);
    }
}
