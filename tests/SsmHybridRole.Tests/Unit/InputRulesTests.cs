using System;
using System.Collections.Generic;
using System.Linq;
using SsmHybridRole.Engine.Errors;
using SsmHybridRole.Engine.Policies;
using SsmHybridRole.Engine.Roles;
using SsmHybridRole.Engine.Aws;
using SsmHybridRole.Engine.Consistency;
using SsmHybridRole.Engine.Reporting;
using SsmHybridRole.Engine.Templates;
using SsmHybridRole.Engine.Validation;
using SsmHybridRole.Infrastructure;
using Xunit;

namespace SsmHybridRole.Tests.Unit
{
    public class InputRulesTests
    {
        /// <summary>A trust policy that lets SSM assume the role, with text added at the document's start and at its statement's end.</summary>
        private static string SsmTrust(string before, string inStatement)
            => "{" + before + "\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ssm.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"" + inStatement + "}]}";

        private static HybridRoleSpec Good() => new HybridRoleSpec { RoleName = "SSMServiceRole", ActivationRegions = new[] { "us-east-2" }, AccountId = "123456789012" };

        /// <summary>What each row of <see cref="BadSpecs"/> spoils in a good spec, by the row's label.</summary>
        private static readonly Dictionary<string, Action<HybridRoleSpec>> Spoilers = new Dictionary<string, Action<HybridRoleSpec>>();

        /// <summary>Each row: what to spoil in a good spec, the error id and the parameter it must name.</summary>
        public static IEnumerable<object[]> BadSpecs()
        {
            object[] Row(string label, Action<HybridRoleSpec> spoil, string errorId, string parameter)
            {
                Spoilers[label] = spoil;
                return new object[] { label, errorId, parameter };
            }

            yield return Row("empty name", s => s.RoleName = "", "InvalidRoleName", "RoleName");
            yield return Row("space in name", s => s.RoleName = "bad name!", "InvalidRoleName", "RoleName");
            yield return Row("65-char name", s => s.RoleName = new string('a', 65), "InvalidRoleName", "RoleName");
            yield return Row("slash in name", s => s.RoleName = "a/b", "InvalidRoleName", "RoleName");
            yield return Row("non-ASCII letter in name", s => s.RoleName = "rôle", "InvalidRoleName", "RoleName");
            yield return Row("path without slashes", s => s.Path = "hybrid", "InvalidPath", "Path");
            yield return Row("path without trailing slash", s => s.Path = "/hybrid", "InvalidPath", "Path");
            yield return Row("path with space", s => s.Path = "/a b/", "InvalidPath", "Path");
            yield return Row("path of 513 chars", s => s.Path = "/" + new string('p', 511) + "/", "InvalidPath", "Path");
            yield return Row("description of 1001 chars", s => s.Description = new string('d', 1001), "InvalidDescription", "Description");
            yield return Row("description with emoji", s => s.Description = "nodes \U0001F600", "InvalidDescription", "Description");
            yield return Row("description with control char", s => s.Description = "a\u0001b", "InvalidDescription", "Description");
            yield return Row("session 3599 s", s => s.MaxSessionDuration = 3599, "InvalidMaxSessionDuration", "MaxSessionDuration");
            yield return Row("session 43201 s", s => s.MaxSessionDuration = 43201, "InvalidMaxSessionDuration", "MaxSessionDuration");
            yield return Row("51 tags", s => s.Tags = Enumerable.Range(0, 51).ToDictionary(i => "k" + i, i => "v"), "TooManyTags", "Tag");
            yield return Row("tag key aws:", s => s.Tags = new Dictionary<string, string> { ["aws:team"] = "x" }, "InvalidTagKey", "Tag");
            yield return Row("empty tag key", s => s.Tags = new Dictionary<string, string> { [""] = "x" }, "InvalidTagKey", "Tag");
            yield return Row("129-char tag key", s => s.Tags = new Dictionary<string, string> { [new string('k', 129)] = "x" }, "InvalidTagKey", "Tag");
            yield return Row("tag key with #", s => s.Tags = new Dictionary<string, string> { ["cost#center"] = "x" }, "InvalidTagKey", "Tag");
            yield return Row("257-char tag value", s => s.Tags = new Dictionary<string, string> { ["team"] = new string('v', 257) }, "InvalidTagValue", "Tag");
            yield return Row("tag value with *", s => s.Tags = new Dictionary<string, string> { ["team"] = "a*b" }, "InvalidTagValue", "Tag");
            yield return Row("11-digit account", s => s.AccountId = "12345678901", "InvalidAccountId", "AccountId");
            yield return Row("account with letters", s => s.AccountId = "12345678901x", "InvalidAccountId", "AccountId");
            yield return Row("region typo", s => s.ActivationRegions = new[] { "us-east" }, "InvalidActivationRegion", "ActivationRegion");
            yield return Row("region upper case", s => s.ActivationRegions = new[] { "US-EAST-1" }, "InvalidActivationRegion", "ActivationRegion");
            yield return Row("China region in aws", s => s.ActivationRegions = new[] { "cn-north-1" }, "ActivationRegionPartitionMismatch", "ActivationRegion");
            yield return Row("unknown policy name", s => s.PolicyNames = new[] { "S3FullAccess" }, "UnknownPolicyName", "Policy");
            yield return Row("deprecated policy name", s => s.PolicyNames = new[] { "AmazonEC2RoleforSSM" }, "UnknownPolicyName", "Policy");
            yield return Row("ARN of a role, not a policy", s => s.PolicyArns = new[] { "arn:aws:iam::123456789012:role/x" }, "InvalidPolicyArn", "PolicyArn");
            yield return Row("ARN too short", s => s.PolicyArns = new[] { "arn:aws:iam::aws:x" }, "InvalidPolicyArn", "PolicyArn");
            yield return Row("ARN with bad account", s => s.PolicyArns = new[] { "arn:aws:iam::1234:policy/x" }, "InvalidPolicyArn", "PolicyArn");
            yield return Row("ARN of another partition", s => s.PolicyArns = new[] { "arn:aws-cn:iam::aws:policy/AmazonSSMManagedInstanceCore" }, "PolicyArnPartitionMismatch", "PolicyArn");
            yield return Row("ARN of unknown partition", s => s.PolicyArns = new[] { "arn:aws-xx:iam::aws:policy/AmazonSSMManagedInstanceCore" }, "InvalidPolicyArn", "PolicyArn");
            yield return Row("boundary not an ARN", s => s.PermissionsBoundary = "AdminBoundary", "InvalidPolicyArn", "PermissionsBoundary");
            yield return Row("trust not JSON", s => s.AssumeRolePolicyDocument = "{\"Version\": ", "MalformedPolicyDocument", "AssumeRolePolicyDocument");
            yield return Row("trust for EC2", s => s.AssumeRolePolicyDocument = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}}", "TrustPolicyDoesNotAllowSsm", "AssumeRolePolicyDocument");
            yield return Row("trust without Action (moto accepts it)", s => s.AssumeRolePolicyDocument = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ssm.amazonaws.com\"}}}", "TrustPolicyDoesNotAllowSsm", "AssumeRolePolicyDocument");
            yield return Row("trust with non-Latin-1 text", s => s.AssumeRolePolicyDocument = "{\"Version\":\"2012-10-17\",\"Statement\":[],\"Id\":\"\u4e2d\"}", "InvalidPolicyDocument", "AssumeRolePolicyDocument");
            yield return Row("trust over 2048 chars", s => s.AssumeRolePolicyDocument = "{\"Id\":\"" + new string('x', 2100) + "\",\"Statement\":[]}", "PolicyDocumentTooLarge", "AssumeRolePolicyDocument");
            yield return Row("name with a trailing line end", s => s.RoleName = "SSMServiceRole\n", "InvalidRoleName", "RoleName");
            yield return Row("path with a trailing line end", s => s.Path = "/hybrid/\n", "InvalidPath", "Path");
            yield return Row("account of Arabic-Indic digits", s => s.AccountId = "\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669\u0660\u0661\u0662", "InvalidAccountId", "AccountId");
            yield return Row("account with a trailing line end", s => s.AccountId = "123456789012\n", "InvalidAccountId", "AccountId");
            yield return Row("region with a trailing line end", s => s.ActivationRegions = new[] { "us-east-2\n" }, "InvalidActivationRegion", "ActivationRegion");
            yield return Row("tag value with a trailing line end", s => s.Tags = new Dictionary<string, string> { ["team"] = "ops\n" }, "InvalidTagValue", "Tag");
            yield return Row("policy ARN with a trailing line end", s => s.PolicyArns = new[] { "arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy\n" }, "InvalidPolicyArn", "PolicyArn");
            yield return Row("trust of another Version", s => s.AssumeRolePolicyDocument = SsmTrust("\"Version\":\"2020-01-01\",", string.Empty), "MalformedPolicyDocument", "AssumeRolePolicyDocument");
            yield return Row("trust with a Resource", s => s.AssumeRolePolicyDocument = SsmTrust(string.Empty, ",\"Resource\":\"*\""), "MalformedPolicyDocument", "AssumeRolePolicyDocument");
            yield return Row("trust with Action and NotAction", s => s.AssumeRolePolicyDocument = SsmTrust(string.Empty, ",\"NotAction\":\"sts:TagSession\""), "MalformedPolicyDocument", "AssumeRolePolicyDocument");
            yield return Row("trust with an unknown key", s => s.AssumeRolePolicyDocument = SsmTrust(string.Empty, ",\"Resources\":\"*\""), "MalformedPolicyDocument", "AssumeRolePolicyDocument");
            yield return Row("trust with a Condition that is not an object of operators", s => s.AssumeRolePolicyDocument = SsmTrust(string.Empty, ",\"Condition\":{\"StringEquals\":\"x\"}"), "MalformedPolicyDocument", "AssumeRolePolicyDocument");
            yield return Row("trust naming another partition", s => s.AssumeRolePolicyDocument = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ssm.amazonaws.com\"},\"Action\":\"sts:AssumeRole\",\"Condition\":{\"ArnEquals\":{\"aws:SourceArn\":\"arn:aws-cn:ssm:cn-north-1:123456789012:*\"}}}}", "TrustPolicyPartitionMismatch", "AssumeRolePolicyDocument");
        }

        [Theory]
        [MemberData(nameof(BadSpecs))]
        public void Bad_input_is_rejected_with_its_error_id_and_parameter(string label, string errorId, string parameter)
        {
            var spec = Good();
            if (Spoilers.Count == 0)
            {
                _ = BadSpecs().ToList();
            }

            Spoilers[label](spec);

            var error = Assert.Throws<InvalidParameterException>(() => spec.Validate(AwsPartition.Aws, "us-east-2"));

            Assert.True(errorId == error.ErrorId, $"{label}: expected {errorId}, got {error.ErrorId}");
            Assert.Equal(parameter, error.ParameterName);
            Assert.Equal(FailureKind.InvalidArgument, error.Kind);
            // The message the user reads is the ErrorRecord's, in PowerShell's terms.
            var shown = (InvalidParameterValueException)ErrorRecords.From(error, "New-SsmHybridServiceRole").Exception;
            Assert.Contains("-" + parameter, shown.Message, StringComparison.Ordinal);
            Assert.Contains(shown.Rule, shown.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void A_good_spec_passes_and_resolves_policies_with_core_first_and_no_duplicates()
        {
            var spec = Good();
            spec.Path = "/hybrid/";
            spec.Description = "Hybrid nodes - Zürich";
            spec.MaxSessionDuration = 43200;
            spec.Tags = new Dictionary<string, string> { ["team"] = "ops east", ["cost-center"] = "" };
            spec.PolicyNames = new[] { "cloudwatchagentserver", "AmazonSSMManagedInstanceCore", "DirectoryServiceAccess" };
            spec.PolicyArns = new[] { "arn:aws:iam::123456789012:policy/SSMInstanceProfileS3Policy", "arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy" };

            var validated = spec.Validate(AwsPartition.Aws, "us-east-2");

            Assert.Equal(
                new[]
                {
                    "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
                    "arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy",
                    "arn:aws:iam::aws:policy/AmazonSSMDirectoryServiceAccess",
                    "arn:aws:iam::123456789012:policy/SSMInstanceProfileS3Policy",
                },
                validated.PolicyArns);
            Assert.False(validated.NeedsAccountLookup);
        }

        [Fact]
        public void Without_any_Region_the_activation_Region_is_required()
        {
            var spec = new HybridRoleSpec();

            var error = Assert.Throws<InvalidParameterException>(() => spec.Validate(AwsPartition.Aws, sessionRegion: null));

            Assert.Equal("ActivationRegionRequired", error.ErrorId);
            Assert.Equal("ActivationRegion", error.ParameterName);
        }

        [Fact]
        public void The_session_Region_is_the_default_activation_Region_and_star_wins_over_others()
        {
            Assert.Equal(new[] { "eu-west-1" }, new HybridRoleSpec().Validate(AwsPartition.Aws, "eu-west-1").ActivationRegions);
            Assert.Equal(new[] { "*" }, new HybridRoleSpec { ActivationRegions = new[] { "us-east-1", "*" } }.Validate(AwsPartition.Aws, null).ActivationRegions);
            Assert.True(new HybridRoleSpec().Validate(AwsPartition.Aws, "eu-west-1").NeedsAccountLookup);
        }

        [Theory]
        [InlineData("us-east-1", "aws", "https://iam.amazonaws.com", "us-east-1")]
        [InlineData("eu-central-1", "aws", "https://iam.amazonaws.com", "us-east-1")]
        [InlineData("cn-northwest-1", "aws-cn", "https://iam.cn-north-1.amazonaws.com.cn", "cn-north-1")]
        [InlineData("us-gov-east-1", "aws-us-gov", "https://iam.us-gov.amazonaws.com", "us-gov-west-1")]
        public void The_Region_picks_the_partition_its_IAM_endpoint_and_signing_Region(string region, string partition, string endpoint, string signingRegion)
        {
            var p = AwsPartition.FromRegion(region);
            Assert.Equal(partition, p.Name);
            Assert.Equal(endpoint, p.IamEndpoint);
            Assert.Equal(signingRegion, p.IamSigningRegion);
            Assert.Equal($"arn:{partition}:iam::aws:policy/AmazonSSMManagedInstanceCore", ManagedPolicyCatalog.ManagedInstanceCore.ArnIn(p));
        }

        [Theory]
        [InlineData("ManagedInstanceCore", "AmazonSSMManagedInstanceCore")]
        [InlineData("amazonssmmanagedinstancecore", "AmazonSSMManagedInstanceCore")]
        [InlineData("DIRECTORYSERVICEACCESS", "AmazonSSMDirectoryServiceAccess")]
        [InlineData("CloudWatchAgentServerPolicy", "CloudWatchAgentServerPolicy")]
        public void Catalog_names_resolve_in_any_letter_case(string name, string awsName)
            => Assert.Equal(awsName, ManagedPolicyCatalog.Resolve(name).AwsName);

        [Fact]
        public void The_deprecated_policy_is_refused_with_its_replacement_named()
        {
            var error = Assert.Throws<InvalidParameterException>(() => ManagedPolicyCatalog.Resolve("AmazonEC2RoleforSSM"));
            Assert.Contains("deprecated", error.Message, StringComparison.Ordinal);
            Assert.Contains("ManagedInstanceCore", error.Message, StringComparison.Ordinal);
        }
    }
}
