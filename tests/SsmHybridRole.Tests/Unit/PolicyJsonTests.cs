using System;
using SsmHybridRole.Engine.Policies;
using SsmHybridRole.Engine.Aws;
using SsmHybridRole.Engine.Templates;
using SsmHybridRole.Engine.Validation;
using Xunit;

namespace SsmHybridRole.Tests.Unit
{
    public class PolicyJsonTests
    {
        [Theory]
        [InlineData(@"{""Version"":""2012-10-17"",""Statement"":[{""Effect"":""Allow"",""Action"":""sts:AssumeRole""}]}", @"{""Statement"":{""Action"":[""sts:AssumeRole""],""Effect"":""Allow""},""Version"":""2012-10-17""}")]
        [InlineData(@"{""Statement"":[{""Action"":[""s3:GetObject"",""s3:PutObject""]}]}", @"{ ""Statement"" : [ { ""Action"" : [ ""s3:PutObject"", ""s3:GetObject"" ] } ] }")]
        [InlineData(@"{""a"":1}", "%7B%22a%22%3A1%7D")]
        public void Documents_that_mean_the_same_to_IAM_are_equivalent(string left, string right)
            => Assert.True(PolicyJson.AreEquivalent(left, right));

        [Theory]
        [InlineData(@"{""Statement"":[{""Effect"":""Allow""}]}", @"{""Statement"":[{""Effect"":""Deny""}]}")]
        [InlineData(@"{""Statement"":[{""Action"":[""s3:GetObject"",""s3:PutObject""]}]}", @"{""Statement"":[{""Action"":""s3:GetObject""}]}")]
        [InlineData(@"{""a"":1}", @"{""a"":1,""b"":2}")]
        [InlineData(@"{""a"":1}", "not json")]
        public void Documents_that_differ_in_meaning_are_not(string left, string right)
            => Assert.False(PolicyJson.AreEquivalent(left, right));

        [Fact]
        public void The_S3_policy_names_each_Regions_buckets_with_AWS_exceptions_and_never_a_wildcard_Region()
        {
            var document = S3BucketPolicy.Build(new S3BucketPolicyOptions { Regions = new[] { "af-south-1", "me-south-1", "eu-west-1" }, VpcEndpoint = true, IncludeMacOS = true }, AwsPartition.Aws);

            Assert.Contains("arn:aws:s3:::patch-baseline-snapshot-af-south-1-tbxdb5b9/*", document, StringComparison.Ordinal);
            Assert.Contains("arn:aws:s3:::patch-baseline-snapshot-me-south-1-uduvl7q8/*", document, StringComparison.Ordinal);
            Assert.DoesNotContain("af-south-1-birdwatcher-prod", document, StringComparison.Ordinal);
            Assert.Contains("arn:aws:s3:::eu-west-1-birdwatcher-prod/*", document, StringComparison.Ordinal);
            Assert.Contains("arn:aws:s3:::aws-patchmanager-macos-eu-west-1/*", document, StringComparison.Ordinal);
            Assert.DoesNotContain("*-", document.Replace("/*", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        }

        [Fact]
        public void Own_buckets_get_PutObjectAcl_when_cross_account_and_the_bucket_itself_when_encrypted()
        {
            var document = S3BucketPolicy.Build(new S3BucketPolicyOptions { OutputBuckets = new[] { "my-output" }, CrossAccount = true, Encrypted = true }, AwsPartition.China);

            Assert.Contains("\"s3:PutObjectAcl\"", document, StringComparison.Ordinal);
            Assert.Contains("\"s3:GetEncryptionConfiguration\"", document, StringComparison.Ordinal);
            Assert.Contains("\"arn:aws-cn:s3:::my-output\"", document, StringComparison.Ordinal);
            Assert.Contains("\"arn:aws-cn:s3:::my-output/*\"", document, StringComparison.Ordinal);
        }
    }
}
