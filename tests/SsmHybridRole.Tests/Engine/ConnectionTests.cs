using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using SsmHybridRole.Engine.Aws;
using SsmHybridRole.Engine.Errors;
using SsmHybridRole.Engine.Iam.Model;
using SsmHybridRole.Engine.Connections;
using SsmHybridRole.Wording;
using Xunit;

namespace SsmHybridRole.Tests.Engine
{
    /// <summary>Credentials, Region and endpoint resolution, with the environment replaced for each test.</summary>
    [Collection("moto")]
    public sealed class ConnectionTests : IClassFixture<MotoFixture>, IDisposable
    {
        private readonly MotoFixture moto;
        private readonly FakeEnvironment environment = new FakeEnvironment();
        private readonly string tempDirectory = Directory.CreateTempSubdirectory("ssmhybrid-profiles").FullName;

        public ConnectionTests(MotoFixture moto)
        {
            this.moto = moto;
        }

        public void Dispose()
        {
            environment.Dispose();
            Directory.Delete(tempDirectory, recursive: true);
        }

        [Fact]
        public async Task AWS_ENDPOINT_URL_IAM_points_IAM_at_another_endpoint()
        {
            environment["AWS_ENDPOINT_URL_IAM"] = moto.Endpoint;

            var connection = ConnectionCache.Get(new ConnectionOptions { Region = "us-east-2", AccessKey = "AKIAENVTEST000000001", SecretKey = "s" });

            Assert.Contains(moto.Endpoint, CommandText.Using(connection), StringComparison.Ordinal);
            var summary = await connection.Iam.GetAccountSummaryAsync(new GetAccountSummaryRequest());
            Assert.True(summary.SummaryMap.ContainsKey("AttachedPoliciesPerRoleQuota"));
        }

        [Fact]
        public void EndpointUrl_wins_over_the_environment_and_AWS_ENDPOINT_URL_is_the_fallback()
        {
            environment["AWS_ENDPOINT_URL"] = "http://127.0.0.1:1";

            var fromParameter = ConnectionCache.Get(new ConnectionOptions { Region = "us-east-2", AccessKey = "AKIAENVTEST000000002", SecretKey = "s", EndpointUrl = moto.Endpoint });
            var fromFallback = ConnectionCache.Get(new ConnectionOptions { Region = "us-east-2", AccessKey = "AKIAENVTEST000000002", SecretKey = "s" });

            Assert.Contains(moto.Endpoint, CommandText.Using(fromParameter), StringComparison.Ordinal);
            Assert.Contains("http://127.0.0.1:1", CommandText.Using(fromFallback), StringComparison.Ordinal);
        }

        [Fact]
        public async Task A_profile_in_a_given_credentials_file_is_used_and_its_Region_counts()
        {
            var file = Path.Combine(tempDirectory, "credentials");
            File.WriteAllText(file, "[hybrid]\naws_access_key_id = AKIAPROFILETEST00001\naws_secret_access_key = profile-secret\nregion = eu-west-1\n");

            var connection = ConnectionCache.Get(new ConnectionOptions { ProfileName = "hybrid", ProfileLocation = file, EndpointUrl = moto.Endpoint });

            Assert.Contains("profile 'hybrid'", CommandText.Using(connection), StringComparison.Ordinal);
            Assert.Equal("eu-west-1", connection.Region);
            Assert.Equal("123456789012", await connection.GetAccountIdAsync(CancellationToken.None));
        }

        [Fact]
        public void A_named_profile_that_does_not_exist_is_an_error_naming_where_it_looked()
        {
            var file = Path.Combine(tempDirectory, "credentials");
            File.WriteAllText(file, "[other]\naws_access_key_id = AKIAPROFILETEST00002\naws_secret_access_key = x\n");

            var error = Assert.Throws<SsmHybridRoleException>(() => ConnectionCache.Get(new ConnectionOptions { ProfileName = "missing", ProfileLocation = file, Region = "us-east-1" }));

            Assert.Equal("ProfileNotFound", error.ErrorId);
            Assert.Equal(FailureKind.Configuration, error.Kind);
            Assert.Contains(file, error.Message, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("cn-north-1", "aws-cn")]
        [InlineData("us-gov-west-1", "aws-us-gov")]
        [InlineData("ap-southeast-2", "aws")]
        public void The_Region_from_AWS_REGION_picks_the_partition(string region, string partition)
        {
            environment["AWS_REGION"] = region;

            var connection = ConnectionCache.Get(new ConnectionOptions { AccessKey = "AKIAENVTEST000000003", SecretKey = "s", EndpointUrl = moto.Endpoint });

            Assert.Equal(region, connection.Region);
            Assert.Equal(partition, connection.Partition.Name);
        }

        [Fact]
        public void The_same_options_reuse_one_connection_and_other_keys_get_another()
        {
            var options = new ConnectionOptions { Region = "us-east-2", AccessKey = "AKIAENVTEST000000004", SecretKey = "s", EndpointUrl = moto.Endpoint };

            var first = ConnectionCache.Get(options);
            var again = ConnectionCache.Get(new ConnectionOptions { Region = "us-east-2", AccessKey = "AKIAENVTEST000000004", SecretKey = "s", EndpointUrl = moto.Endpoint });
            var other = ConnectionCache.Get(new ConnectionOptions { Region = "us-east-2", AccessKey = "AKIAENVTEST000000004", SecretKey = "t", EndpointUrl = moto.Endpoint });

            Assert.Same(first, again);
            Assert.NotSame(first, other);
        }

        [Theory]
        [InlineData("AKIAONLYACCESSKEY001", null, null, "MissingSecretKey")]
        [InlineData(null, "secret", null, "MissingAccessKey")]
        public void Half_given_keys_are_refused(string? accessKey, string? secretKey, string? token, string errorId)
        {
            var error = Assert.Throws<InvalidParameterException>(() => ConnectionCache.Get(new ConnectionOptions { Region = "us-east-1", AccessKey = accessKey, SecretKey = secretKey, SessionToken = token }));

            Assert.Equal(errorId, error.ErrorId);
        }

        [Fact]
        public void A_malformed_endpoint_is_refused()
        {
            var error = Assert.Throws<InvalidParameterException>(() => ConnectionCache.Get(new ConnectionOptions { Region = "us-east-1", AccessKey = "AKIAENVTEST000000005", SecretKey = "s", EndpointUrl = "127.0.0.1:5000" }));

            Assert.Equal("InvalidEndpointUrl", error.ErrorId);
            Assert.Equal("EndpointUrl", error.ParameterName);
        }
    }
}
