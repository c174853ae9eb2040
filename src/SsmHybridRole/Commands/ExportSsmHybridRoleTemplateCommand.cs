using System.IO;
using System.Text;
using SsmHybridRole.Engine.Templates;

namespace SsmHybridRole.Commands
{
    /// <summary>
    /// Writes a CloudFormation template that creates the same hybrid service role as New-SsmHybridServiceRole,
    /// in whichever account and Region it is deployed: ready for a StackSet across an organisation.
    /// </summary>
    [Cmdlet(VerbsData.Export, "SsmHybridRoleTemplate", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(string), typeof(FileInfo))]
    public sealed class ExportSsmHybridRoleTemplateCommand : SsmHybridCmdlet
    {
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string RoleName { get; set; } = KnownNames.DefaultRoleName;

        /// <summary>Json (default) or Yaml.</summary>
        [Parameter]
        public TemplateFormat Format { get; set; } = TemplateFormat.Json;

        /// <summary>A file to write the template to; without it, the template is emitted as text.</summary>
        [Parameter]
        public string? Path { get; set; }

        /// <summary>The role's path in IAM (default /).</summary>
        [Parameter]
        public string? RolePath { get; set; }

        [Parameter]
        public string? Description { get; set; }

        /// <summary>Regions for aws:SourceArn ('*' for all); default: the Region each stack is deployed in.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(RegionCompleter))]
        public string[]? ActivationRegion { get; set; }

        [Parameter]
        [ArgumentCompleter(typeof(PolicyNameCompleter))]
        public string[]? Policy { get; set; }

        [Parameter]
        public string[]? PolicyArn { get; set; }

        /// <summary>Also create the custom S3 bucket policy in each stack, for the Region it is deployed in.</summary>
        [Parameter]
        public SwitchParameter IncludeS3BucketPolicy { get; set; }

        [Parameter]
        public SwitchParameter VpcEndpoint { get; set; }

        [Parameter]
        public string[]? OutputBucket { get; set; }

        [Parameter]
        public SwitchParameter Encrypted { get; set; }

        [Parameter]
        public SwitchParameter CrossAccount { get; set; }

        [Parameter]
        public SwitchParameter IncludeMacOS { get; set; }

        protected override void ProcessRecord() => Try(() =>
        {
            var template = RoleTemplate.Build(new RoleTemplateOptions
            {
                RoleName = RoleName,
                Path = RolePath,
                Description = Description,
                ActivationRegions = ActivationRegion ?? Array.Empty<string>(),
                PolicyNames = Policy ?? Array.Empty<string>(),
                PolicyArns = PolicyArn ?? Array.Empty<string>(),
                IncludeS3BucketPolicy = IncludeS3BucketPolicy,
                S3 = SpecBuilder.S3Options(null, VpcEndpoint, OutputBucket, Encrypted, CrossAccount, IncludeMacOS),
            });
            var text = Format == TemplateFormat.Yaml ? CloudFormationWriter.ToYaml(template) : CloudFormationWriter.ToJson(template);
            if (Path is null)
            {
                WriteObject(text);
                return;
            }

            var file = GetUnresolvedProviderPathFromPSPath(Path);
            if (ShouldProcess(file, "Write the CloudFormation template"))
            {
                File.WriteAllText(file, text, new UTF8Encoding(false));
                WriteObject(new FileInfo(file));
            }
        });
    }
}
