namespace SsmHybridRole.Engine.Templates
{
    /// <summary>What the CloudFormation template should create.</summary>
    internal sealed class RoleTemplateOptions
    {
        public string RoleName { get; set; } = KnownNames.DefaultRoleName;

        public string? Path { get; set; }

        public string? Description { get; set; }

        /// <summary>Regions for aws:SourceArn; empty means the Region the stack is deployed in (AWS::Region).</summary>
        public IReadOnlyList<string> ActivationRegions { get; set; } = Array.Empty<string>();

        public IReadOnlyList<string> PolicyNames { get; set; } = Array.Empty<string>();

        /// <summary>Other managed policy ARNs, such as a customer policy that already exists in every account.</summary>
        public IReadOnlyList<string> PolicyArns { get; set; } = Array.Empty<string>();

        /// <summary>Also create the custom S3 bucket policy in the stack (for the deploying Region).</summary>
        public bool IncludeS3BucketPolicy { get; set; }

        public S3BucketPolicyOptions S3 { get; set; } = new S3BucketPolicyOptions();
    }

    /// <summary>
    /// The model of a CloudFormation template that makes the same role as the role service, in whatever account
    /// and Region it is deployed to: the trust's conditions use AWS::AccountId, AWS::Region and AWS::Partition,
    /// so one template serves a StackSet across an organisation. <see cref="CloudFormationWriter"/> writes it.
    /// </summary>
    internal static class RoleTemplate
    {
        private const string RoleResource = "SsmHybridServiceRole";
        private const string S3Resource = "SsmHybridS3BucketPolicy";
        private const string Partition = "${AWS::Partition}";

        public static IDictionary<string, object> Build(RoleTemplateOptions options)
        {
            if (options is null)
            {
                throw new ArgumentNullException(nameof(options));
            }

            Validate(options);
            var managed = new List<object> { Sub(ManagedPolicyCatalog.ManagedInstanceCore.ArnIn(Partition)) };
            managed.AddRange(options.PolicyNames.Select(n => ManagedPolicyCatalog.Resolve(n)).Where(p => p != ManagedPolicyCatalog.ManagedInstanceCore).Select(p => (object)Sub(p.ArnIn(Partition))));
            managed.AddRange(options.PolicyArns);

            var resources = new Dictionary<string, object>();
            var conditions = new Dictionary<string, object>();
            if (options.IncludeS3BucketPolicy)
            {
                resources[S3Resource] = S3PolicyResource(options.S3, conditions);
                managed.Add(Ref(S3Resource));
            }

            var properties = new Dictionary<string, object> { ["RoleName"] = options.RoleName, ["Path"] = options.Path ?? "/" };
            if (options.Description != null)
            {
                properties["Description"] = options.Description;
            }

            properties["AssumeRolePolicyDocument"] = Trust(options.ActivationRegions);
            properties["ManagedPolicyArns"] = managed;
            resources[RoleResource] = new Dictionary<string, object> { ["Type"] = "AWS::IAM::Role", ["Properties"] = properties };

            var template = new Dictionary<string, object>
            {
                ["AWSTemplateFormatVersion"] = "2010-09-09",
                ["Description"] = "IAM service role for AWS Systems Manager hybrid nodes (SsmHybridRole): trust for ssm.amazonaws.com limited to this account and Region, AmazonSSMManagedInstanceCore and the chosen policies.",
            };
            if (conditions.Count > 0)
            {
                template["Conditions"] = conditions;
            }

            template["Resources"] = resources;
            template["Outputs"] = new Dictionary<string, object>
            {
                ["RoleName"] = new Dictionary<string, object> { ["Value"] = Ref(RoleResource) },
                ["RoleArn"] = new Dictionary<string, object> { ["Value"] = new Dictionary<string, object> { ["Fn::GetAtt"] = new List<object> { RoleResource, "Arn" } } },
            };
            return template;
        }

        private static void Validate(RoleTemplateOptions options)
        {
            InputRules.RoleName(options.RoleName);
            if (options.Path != null)
            {
                InputRules.Path(options.Path);
            }

            if (options.Description != null)
            {
                InputRules.Description(options.Description);
            }

            foreach (var region in options.ActivationRegions.Where(r => r != "*"))
            {
                InputRules.Region(region, "ActivationRegion");
            }

            foreach (var arn in options.PolicyArns)
            {
                InputRules.PolicyArn(arn, AwsPartition.FromName(Arn.Parse(arn)?.Partition) ?? AwsPartition.Aws);
            }
        }

        private static Dictionary<string, object> Trust(IReadOnlyList<string> regions)
        {
            object SourceArn(string region) => Sub(Arn.SsmResources(Partition, region, "${AWS::AccountId}"));
            object sourceArn = regions.Count == 0 ? SourceArn("${AWS::Region}")
                : regions.Contains("*") ? SourceArn("*")
                : regions.Count == 1 ? SourceArn(regions[0])
                : regions.Select(SourceArn).ToList();
            var statement = new Dictionary<string, object>
            {
                ["Effect"] = "Allow",
                ["Principal"] = new Dictionary<string, object> { ["Service"] = KnownNames.SsmServicePrincipal },
                ["Action"] = KnownNames.AssumeRoleAction,
                ["Condition"] = new Dictionary<string, object>
                {
                    ["StringEquals"] = new Dictionary<string, object> { ["aws:SourceAccount"] = Ref("AWS::AccountId") },
                    ["ArnEquals"] = new Dictionary<string, object> { ["aws:SourceArn"] = sourceArn },
                },
            };
            return new Dictionary<string, object> { ["Version"] = "2012-10-17", ["Statement"] = new List<object> { statement } };
        }

        /// <summary>The S3 bucket policy for the deploying Region, with AWS's per-Region exceptions as conditions.</summary>
        private static Dictionary<string, object> S3PolicyResource(S3BucketPolicyOptions s3, Dictionary<string, object> conditions)
        {
            var statements = new List<object>();
            if (s3.VpcEndpoint)
            {
                statements.Add(Statement("SsmAwsOwnedBuckets", new List<object> { "s3:GetObject" }, AwsOwnedBucketResources(s3.IncludeMacOS, conditions)));
            }

            if (s3.OutputBuckets.Count > 0)
            {
                statements.Add(Statement(
                    "SsmOutputBuckets",
                    S3BucketPolicy.OutputBucketActions(s3).Cast<object>().ToList(),
                    S3BucketPolicy.OutputBucketResources(s3, Partition).Select(r => (object)Sub(r)).ToList()));
            }

            if (statements.Count == 0)
            {
                throw new InvalidParameterException(ErrorIds.NothingToAllow, "VpcEndpoint", null, "the S3 bucket policy needs {VpcEndpoint}, {OutputBucket}, or both");
            }

            return new Dictionary<string, object>
            {
                ["Type"] = "AWS::IAM::ManagedPolicy",
                ["Properties"] = new Dictionary<string, object>
                {
                    ["Description"] = "S3 access for AWS Systems Manager hybrid nodes (SsmHybridRole)",
                    ["PolicyDocument"] = new Dictionary<string, object> { ["Version"] = "2012-10-17", ["Statement"] = statements },
                },
            };
        }

        /// <summary>Every AWS-owned bucket for ${AWS::Region}: a Region that lacks one or names it otherwise becomes a condition.</summary>
        private static List<object> AwsOwnedBucketResources(bool includeMacOS, Dictionary<string, object> conditions)
        {
            foreach (var region in AwsOwnedBuckets.ExceptionRegions)
            {
                conditions[IsRegion(region)] = new Dictionary<string, object> { ["Fn::Equals"] = new List<object> { Ref("AWS::Region"), region } };
            }

            var resources = new List<object>();
            foreach (var bucket in AwsOwnedBuckets.All.Where(b => includeMacOS || !b.MacOSOnly))
            {
                object resource = Sub(Arn.S3Objects(Partition, bucket.Pattern.Replace("{region}", "${AWS::Region}")));
                foreach (var named in bucket.NamedIn.Reverse())
                {
                    resource = If(IsRegion(named.Key), Sub(Arn.S3Objects(Partition, named.Value)), resource);
                }

                if (bucket.AbsenceCondition != null)
                {
                    var absent = bucket.AbsentIn.Select(r => (object)new Dictionary<string, object> { ["Condition"] = IsRegion(r) }).ToList();
                    conditions[bucket.AbsenceCondition] = absent.Count == 1 ? absent[0] : new Dictionary<string, object> { ["Fn::Or"] = absent };
                    resource = If(bucket.AbsenceCondition, Ref("AWS::NoValue"), resource);
                }

                resources.Add(resource);
            }

            return resources;
        }

        /// <summary>af-south-1 becomes IsAfSouth1.</summary>
        private static string IsRegion(string region)
            => "Is" + string.Concat(region.Split('-').Select(part => char.ToUpperInvariant(part[0]) + part.Substring(1)));

        private static Dictionary<string, object> Statement(string sid, List<object> actions, List<object> resources)
            => new Dictionary<string, object> { ["Sid"] = sid, ["Effect"] = "Allow", ["Action"] = actions, ["Resource"] = resources };

        private static Dictionary<string, object> Sub(string text) => new Dictionary<string, object> { ["Fn::Sub"] = text };

        private static Dictionary<string, object> Ref(string name) => new Dictionary<string, object> { ["Ref"] = name };

        private static Dictionary<string, object> If(string condition, object whenTrue, object whenFalse) => new Dictionary<string, object> { ["Fn::If"] = new List<object> { condition, whenTrue, whenFalse } };
    }
}
