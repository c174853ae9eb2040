using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using SsmHybridRole.Engine.Errors;

namespace SsmHybridRole.Engine.Policies
{
    /// <summary>What the CloudFormation template should create.</summary>
    public sealed class RoleTemplateOptions
    {
        public string RoleName { get; set; } = "SSMServiceRole";

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
    /// A CloudFormation template that makes the same role as New-SsmHybridServiceRole, in whatever account and
    /// Region it is deployed to: the trust's conditions use AWS::AccountId, AWS::Region and AWS::Partition,
    /// so one template serves a StackSet across an organisation. Written as JSON or YAML (long-form
    /// intrinsic functions, so no YAML tags are needed).
    /// </summary>
    public static class RoleTemplate
    {
        private const string RoleResource = "SsmHybridServiceRole";
        private const string S3Resource = "SsmHybridS3BucketPolicy";

        public static IDictionary<string, object> Build(RoleTemplateOptions options)
        {
            if (options is null)
            {
                throw new ArgumentNullException(nameof(options));
            }

            IamInputRules.RoleName(options.RoleName);
            if (options.Path != null)
            {
                IamInputRules.Path(options.Path);
            }

            if (options.Description != null)
            {
                IamInputRules.Description(options.Description);
            }

            foreach (var region in options.ActivationRegions)
            {
                if (region != "*")
                {
                    IamInputRules.Region(region, "ActivationRegion");
                }
            }

            var managed = new List<object> { Sub("arn:${AWS::Partition}:iam::aws:policy/" + ManagedPolicyCatalog.ManagedInstanceCore.AwsName) };
            foreach (var name in options.PolicyNames)
            {
                var policy = ManagedPolicyCatalog.Resolve(name);
                if (policy != ManagedPolicyCatalog.ManagedInstanceCore)
                {
                    managed.Add(Sub("arn:${AWS::Partition}:iam::aws:policy/" + policy.AwsName));
                }
            }

            foreach (var arn in options.PolicyArns)
            {
                var partition = AwsPartition.FromName(arn.Split(':').ElementAtOrDefault(1)) ?? AwsPartition.Aws;
                IamInputRules.PolicyArn(arn, partition);
                managed.Add(arn);
            }

            var resources = new Dictionary<string, object>();
            var conditions = new Dictionary<string, object>();
            if (options.IncludeS3BucketPolicy)
            {
                resources[S3Resource] = S3PolicyResource(options.S3, conditions);
                managed.Add(Ref(S3Resource));
            }

            var properties = new Dictionary<string, object>
            {
                ["RoleName"] = options.RoleName,
                ["Path"] = options.Path ?? "/",
            };
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
                ["RoleArn"] = new Dictionary<string, object> { ["Value"] = GetAtt(RoleResource, "Arn") },
            };
            return template;
        }

        public static string ToJson(IDictionary<string, object> template)
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                WriteJson(writer, template);
            }

            return Encoding.UTF8.GetString(buffer.ToArray());
        }

        public static string ToYaml(IDictionary<string, object> template)
        {
            var text = new StringBuilder();
            WriteYaml(text, template, 0);
            return text.ToString();
        }

        private static Dictionary<string, object> Trust(IReadOnlyList<string> regions)
        {
            object sourceArn = regions.Count == 0
                ? Sub("arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:*")
                : regions.Contains("*")
                    ? Sub("arn:${AWS::Partition}:ssm:*:${AWS::AccountId}:*")
                    : regions.Count == 1
                        ? Sub("arn:${AWS::Partition}:ssm:" + regions[0] + ":${AWS::AccountId}:*")
                        : regions.Select(r => (object)Sub("arn:${AWS::Partition}:ssm:" + r + ":${AWS::AccountId}:*")).ToList();
            return new Dictionary<string, object>
            {
                ["Version"] = "2012-10-17",
                ["Statement"] = new List<object>
                {
                    new Dictionary<string, object>
                    {
                        ["Effect"] = "Allow",
                        ["Principal"] = new Dictionary<string, object> { ["Service"] = TrustPolicy.SsmServicePrincipal },
                        ["Action"] = TrustPolicy.AssumeRoleAction,
                        ["Condition"] = new Dictionary<string, object>
                        {
                            ["StringEquals"] = new Dictionary<string, object> { ["aws:SourceAccount"] = Ref("AWS::AccountId") },
                            ["ArnEquals"] = new Dictionary<string, object> { ["aws:SourceArn"] = sourceArn },
                        },
                    },
                },
            };
        }

        /// <summary>The S3 bucket policy for the deploying Region, with AWS's per-Region exceptions as conditions.</summary>
        private static Dictionary<string, object> S3PolicyResource(S3BucketPolicyOptions s3, Dictionary<string, object> conditions)
        {
            var statements = new List<object>();
            if (s3.VpcEndpoint)
            {
                conditions["IsAfSouth1"] = Equals("af-south-1");
                conditions["IsEuSouth1"] = Equals("eu-south-1");
                conditions["IsMeSouth1"] = Equals("me-south-1");
                conditions["HasNoBirdwatcherBucket"] = new Dictionary<string, object> { ["Fn::Or"] = new List<object> { Condition("IsAfSouth1"), Condition("IsEuSouth1") } };
                var objects = "arn:${AWS::Partition}:s3:::";
                var resources = new List<object>
                {
                    Sub(objects + "aws-ssm-${AWS::Region}/*"),
                    Sub(objects + "aws-windows-downloads-${AWS::Region}/*"),
                    Sub(objects + "amazon-ssm-${AWS::Region}/*"),
                    Sub(objects + "amazon-ssm-packages-${AWS::Region}/*"),
                    If("HasNoBirdwatcherBucket", Ref("AWS::NoValue"), Sub(objects + "${AWS::Region}-birdwatcher-prod/*")),
                    Sub(objects + "aws-ssm-distributor-file-${AWS::Region}/*"),
                    Sub(objects + "aws-ssm-document-attachments-${AWS::Region}/*"),
                    If("IsMeSouth1", Sub(objects + "patch-baseline-snapshot-me-south-1-uduvl7q8/*"), If("IsAfSouth1", Sub(objects + "patch-baseline-snapshot-af-south-1-tbxdb5b9/*"), Sub(objects + "patch-baseline-snapshot-${AWS::Region}/*"))),
                };
                if (s3.IncludeMacOS)
                {
                    resources.Add(Sub(objects + "aws-patchmanager-macos-${AWS::Region}/*"));
                }

                statements.Add(Statement("SsmAwsOwnedBuckets", new List<object> { "s3:GetObject" }, resources));
            }

            if (s3.OutputBuckets.Count > 0)
            {
                statements.Add(Statement(
                    "SsmOutputBuckets",
                    S3BucketPolicy.OutputBucketActions(s3).Cast<object>().ToList(),
                    S3BucketPolicy.OutputBucketResources(s3, "${AWS::Partition}").Select(r => (object)Sub(r)).ToList()));
            }

            if (statements.Count == 0)
            {
                throw new InvalidParameterException("NothingToAllow", "IncludeS3BucketPolicy", null, "the S3 bucket policy needs -VpcEndpoint, -OutputBucket, or both");
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

        private static Dictionary<string, object> Statement(string sid, List<object> actions, List<object> resources)
            => new Dictionary<string, object> { ["Sid"] = sid, ["Effect"] = "Allow", ["Action"] = actions, ["Resource"] = resources };

        private static Dictionary<string, object> Sub(string text) => new Dictionary<string, object> { ["Fn::Sub"] = text };

        private static Dictionary<string, object> Ref(string name) => new Dictionary<string, object> { ["Ref"] = name };

        private static Dictionary<string, object> GetAtt(string resource, string attribute) => new Dictionary<string, object> { ["Fn::GetAtt"] = new List<object> { resource, attribute } };

        private static Dictionary<string, object> If(string condition, object whenTrue, object whenFalse) => new Dictionary<string, object> { ["Fn::If"] = new List<object> { condition, whenTrue, whenFalse } };

        private static Dictionary<string, object> Condition(string name) => new Dictionary<string, object> { ["Condition"] = name };

        private static Dictionary<string, object> Equals(string region) => new Dictionary<string, object> { ["Fn::Equals"] = new List<object> { Ref("AWS::Region"), region } };

        private static void WriteJson(Utf8JsonWriter writer, object value)
        {
            switch (value)
            {
                case IDictionary<string, object> map:
                    writer.WriteStartObject();
                    foreach (var entry in map)
                    {
                        writer.WritePropertyName(entry.Key);
                        WriteJson(writer, entry.Value);
                    }

                    writer.WriteEndObject();
                    break;
                case IEnumerable<object> list:
                    writer.WriteStartArray();
                    foreach (var item in list)
                    {
                        WriteJson(writer, item);
                    }

                    writer.WriteEndArray();
                    break;
                default:
                    writer.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                    break;
            }
        }

        private static void WriteYaml(StringBuilder text, object value, int indent)
        {
            var pad = new string(' ', indent);
            switch (value)
            {
                case IDictionary<string, object> map:
                    foreach (var entry in map)
                    {
                        text.Append(pad).Append(Quote(entry.Key)).Append(':');
                        WriteYamlValue(text, entry.Value, indent);
                    }

                    break;
                case IEnumerable<object> list:
                    foreach (var item in list)
                    {
                        text.Append(pad).Append('-');
                        if (item is IDictionary<string, object> or IEnumerable<object> && item is not string)
                        {
                            text.Append('\n');
                            WriteYaml(text, item, indent + 2);
                        }
                        else
                        {
                            text.Append(' ').Append(Quote(Convert.ToString(item, CultureInfo.InvariantCulture) ?? string.Empty)).Append('\n');
                        }
                    }

                    break;
            }
        }

        private static void WriteYamlValue(StringBuilder text, object value, int indent)
        {
            if (value is IDictionary<string, object> or IEnumerable<object> && value is not string)
            {
                text.Append('\n');
                WriteYaml(text, value, indent + 2);
            }
            else
            {
                text.Append(' ').Append(Quote(Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty)).Append('\n');
            }
        }

        /// <summary>Every scalar double-quoted, as JSON strings are valid YAML scalars.</summary>
        private static string Quote(string text) => JsonSerializer.Serialize(text, Readable);

        private static readonly JsonSerializerOptions Readable = new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    }
}
