using System;
using System.Linq;
using System.Text.Json;
using SsmHybridRole.Engine.Policies;
using SsmHybridRole.Engine.Aws;
using SsmHybridRole.Engine.Templates;
using SsmHybridRole.Engine.Validation;
using Xunit;

namespace SsmHybridRole.Tests.Unit
{
    public class TrustPolicyTests
    {
        private const string SeedTrust = @"{
               ""Version"": ""2012-10-17"",
               ""Statement"": {
                   ""Effect"": ""Allow"",
                   ""Principal"": {""Service"": ""ssm.amazonaws.com""},
                   ""Action"": ""sts:AssumeRole""
               }
               }";

        [Fact]
        public void Built_trust_is_the_documented_policy_with_both_confused_deputy_conditions()
        {
            var json = TrustPolicy.Build(AwsPartition.Aws, "123456789012", new[] { "us-east-2" }, noSourceCondition: false);

            using var doc = JsonDocument.Parse(json);
            var statement = doc.RootElement.GetProperty("Statement").EnumerateArray().Single();
            Assert.Equal("2012-10-17", doc.RootElement.GetProperty("Version").GetString());
            Assert.Equal("Allow", statement.GetProperty("Effect").GetString());
            Assert.Equal("ssm.amazonaws.com", statement.GetProperty("Principal").GetProperty("Service").GetString());
            Assert.Equal("sts:AssumeRole", statement.GetProperty("Action").GetString());
            var condition = statement.GetProperty("Condition");
            Assert.Equal("123456789012", condition.GetProperty("StringEquals").GetProperty("aws:SourceAccount").GetString());
            Assert.Equal("arn:aws:ssm:us-east-2:123456789012:*", condition.GetProperty("ArnEquals").GetProperty("aws:SourceArn").GetString());
        }

        [Fact]
        public void Several_Regions_become_an_array_and_the_partition_follows_the_Region()
        {
            var json = TrustPolicy.Build(AwsPartition.China, "123456789012", new[] { "cn-north-1", "cn-northwest-1", "cn-north-1" }, false);

            var analysis = TrustPolicy.Analyze(json);
            Assert.Equal(new[] { "arn:aws-cn:ssm:cn-north-1:123456789012:*", "arn:aws-cn:ssm:cn-northwest-1:123456789012:*" }, analysis.SourceArns);
            Assert.Equal(new[] { "123456789012" }, analysis.SourceAccounts);
        }

        [Fact]
        public void NoSourceCondition_gives_the_seeds_plain_form()
        {
            var analysis = TrustPolicy.Analyze(TrustPolicy.Build(AwsPartition.Aws, null, Array.Empty<string>(), noSourceCondition: true));

            Assert.True(analysis.AllowsSsmAssumeRole);
            Assert.True(analysis.HasUnconditionedSsmStatement);
            Assert.Empty(analysis.SourceArns);
        }

        [Fact]
        public void The_seeds_older_form_with_a_single_Statement_object_is_understood()
        {
            var analysis = TrustPolicy.Analyze(SeedTrust);

            Assert.True(analysis.IsReadable);
            Assert.True(analysis.AllowsSsmAssumeRole);
            Assert.True(analysis.HasUnconditionedSsmStatement);
        }

        [Fact]
        public void A_URL_encoded_policy_as_IAM_returns_it_is_decoded_before_reading()
        {
            var encoded = Uri.EscapeDataString(TrustPolicy.Build(AwsPartition.Aws, "111122223333", new[] { "*" }, false));

            Assert.StartsWith("%7B", encoded, StringComparison.Ordinal);
            var analysis = TrustPolicy.Analyze(encoded);
            Assert.True(analysis.AllowsSsmAssumeRole);
            Assert.Equal(new[] { "arn:aws:ssm:*:111122223333:*" }, analysis.SourceArns);
        }

        [Theory]
        [InlineData(@"{""Statement"":[{""Effect"":""Deny"",""Principal"":{""Service"":""ssm.amazonaws.com""},""Action"":""sts:AssumeRole""}]}")]
        [InlineData(@"{""Statement"":[{""Effect"":""Allow"",""Principal"":{""Service"":[""ec2.amazonaws.com""]},""Action"":""sts:AssumeRole""}]}")]
        [InlineData(@"{""Statement"":[{""Effect"":""Allow"",""Principal"":{""Service"":""ssm.amazonaws.com""},""Action"":""sts:TagSession""}]}")]
        [InlineData(@"{""Statement"":[{""Effect"":""Allow"",""Principal"":{""AWS"":""arn:aws:iam::123456789012:root""},""Action"":""sts:AssumeRole""}]}")]
        public void Policies_that_do_not_let_SSM_assume_the_role_are_recognised(string json)
            => Assert.False(TrustPolicy.Analyze(json).AllowsSsmAssumeRole);

        [Fact]
        public void Service_and_Action_as_arrays_are_understood()
        {
            var json = @"{""Statement"":[{""Effect"":""Allow"",""Principal"":{""Service"":[""ec2.amazonaws.com"",""ssm.amazonaws.com""]},""Action"":[""sts:TagSession"",""sts:AssumeRole""],""Condition"":{""StringLike"":{""aws:SourceAccount"":[""123456789012""]}}}]}";

            var analysis = TrustPolicy.Analyze(json);

            Assert.True(analysis.AllowsSsmAssumeRole);
            Assert.False(analysis.HasUnconditionedSsmStatement);
            Assert.Equal(new[] { "123456789012" }, analysis.SourceAccounts);
        }

        [Fact]
        public void Text_that_is_not_JSON_is_unreadable_not_an_exception()
        {
            var analysis = TrustPolicy.Analyze("%7B%22Version");

            Assert.False(analysis.IsReadable);
            Assert.False(analysis.AllowsSsmAssumeRole);
            Assert.NotNull(analysis.Problem);
        }

        [Theory]
        [InlineData("StringNotEquals", false)]
        [InlineData("StringNotLike", false)]
        [InlineData("ArnNotEquals", false)]
        [InlineData("StringEquals", true)]
        [InlineData("StringLikeIfExists", true)]
        [InlineData("ArnLike", true)]
        [InlineData("ForAnyValue:StringEquals", true)]
        public void Only_positive_operators_count_as_source_conditions(string op, bool counts)
        {
            var json = @"{""Statement"":[{""Effect"":""Allow"",""Principal"":{""Service"":""ssm.amazonaws.com""},""Action"":""sts:AssumeRole"",""Condition"":{""" + op + @""":{""aws:SourceAccount"":""123456789012""}}}]}";

            var analysis = TrustPolicy.Analyze(json);

            Assert.Equal(counts, analysis.SourceAccounts.Count == 1);
            Assert.Equal(!counts, analysis.HasUnconditionedSsmStatement);
        }

        [Fact]
        public void An_unconditioned_Deny_for_SSM_takes_the_trust_away_and_other_principals_are_named()
        {
            var denied = @"{""Statement"":[{""Effect"":""Allow"",""Principal"":{""Service"":""ssm.amazonaws.com""},""Action"":""sts:AssumeRole""},{""Effect"":""Deny"",""Principal"":{""Service"":""ssm.amazonaws.com""},""Action"":""sts:*""}]}";
            var shared = @"{""Statement"":[{""Effect"":""Allow"",""Principal"":{""Service"":""ssm.amazonaws.com""},""Action"":""sts:AssumeRole""},{""Effect"":""Allow"",""Principal"":{""AWS"":[""111122223333"",""*""],""Federated"":""accounts.google.com""},""Action"":[""sts:AssumeRole"",""sts:AssumeRoleWithWebIdentity""]}]}";

            Assert.False(TrustPolicy.Analyze(denied).AllowsSsmAssumeRole);
            var others = TrustPolicy.Analyze(shared).OtherPrincipals;
            Assert.Contains("AWS 111122223333", others);
            Assert.Contains("anyone (*)", others);
            Assert.Contains("Federated accounts.google.com", others);
        }

        [Fact]
        public void Merging_replaces_the_modules_statement_and_keeps_every_other_statement_verbatim()
        {
            var theirs = @"{""Sid"":""Mine"",""Effect"":""Allow"",""Principal"":{""Service"":""ssm.amazonaws.com""},""Action"":""sts:AssumeRole"",""Condition"":{""Bool"":{""aws:SecureTransport"":""true""}}}";
            var other = @"{""Effect"":""Allow"",""Principal"":{""AWS"":""arn:aws:iam::111122223333:root""},""Action"":""sts:AssumeRole""}";
            var current = @"{""Version"":""2012-10-17"",""Statement"":[{""Effect"":""Allow"",""Principal"":{""Service"":""ssm.amazonaws.com""},""Action"":""sts:AssumeRole""}," + theirs + "," + other + "]}";
            var built = TrustPolicy.Build(AwsPartition.Aws, "123456789012", new[] { "us-east-2" }, noSourceCondition: false);

            var merged = TrustDocument.Parse(current).MergeManaged(TrustDocument.Parse(built));

            var statements = TrustDocument.Parse(merged).Statements;
            Assert.Equal(3, statements.Count);
            Assert.True(statements[0].IsManaged);
            Assert.Equal(new[] { "123456789012" }, statements[0].PositiveValues("aws:SourceAccount"));
            Assert.True(PolicyJson.AreEquivalent(theirs, statements[1].Json), "a statement with a Sid of the user's is kept as it was");
            Assert.True(PolicyJson.AreEquivalent(other, statements[2].Json), "a statement for another principal is kept as it was");
        }
    }
}
