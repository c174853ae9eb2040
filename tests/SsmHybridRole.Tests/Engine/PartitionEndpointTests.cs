using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Amazon.SecurityToken.Model;
using Amazon.SimpleSystemsManagement.Model;
using SsmHybridRole.Engine.Aws;
using SsmHybridRole.Engine.Connections;
using SsmHybridRole.Engine.Errors;
using SsmHybridRole.Engine.Iam.Model;
using SsmHybridRole.Engine.Policies;
using Xunit;

namespace SsmHybridRole.Tests.Engine
{
    /// <summary>
    /// Where the module sends IAM, STS and SSM requests, for every Region of every partition botocore knows, with FIPS
    /// on and off: the host and the SigV4 signing Region of the request as it leaves the SDK, compared with what
    /// botocore's endpoint rules give (tests/tools/botocore_endpoints.py generates the table here, from the botocore
    /// that comes with moto). Nothing is sent: a handler answers in place of the network.
    /// </summary>
    [Collection("moto")]
    public sealed class PartitionEndpointTests : IDisposable
    {
        private static readonly JsonSerializerOptions JsonOptions = new JsonSerializerOptions { PropertyNameCaseInsensitive = true };
        private static readonly Lazy<List<Expected>> Table = new Lazy<List<Expected>>(LoadTable);
        private readonly FakeEnvironment environment = new FakeEnvironment();
        private readonly string directory = Directory.CreateTempSubdirectory("ssmhybrid-endpoints").FullName;

        public PartitionEndpointTests()
        {
            environment["AWS_CONFIG_FILE"] = Path.Combine(directory, "config");
            environment["AWS_SHARED_CREDENTIALS_FILE"] = Path.Combine(directory, "credentials");
        }

        public void Dispose()
        {
            environment.Dispose();
            Directory.Delete(directory, recursive: true);
        }

        [Fact]
        public void The_table_covers_every_partition_botocore_knows()
        {
            Assert.Equal(
                new[] { "aws", "aws-cn", "aws-eusc", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-us-gov" },
                Table.Value.Select(e => e.Partition).Distinct().OrderBy(p => p, StringComparer.Ordinal));
            Assert.Equal(AwsPartition.All.Select(p => p.Name).OrderBy(p => p, StringComparer.Ordinal), Table.Value.Select(e => e.Partition).Distinct().OrderBy(p => p, StringComparer.Ordinal));
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public async Task Every_Region_reaches_IAM_STS_and_SSM_where_botocore_says_signed_for_the_Region_it_says(bool fips)
        {
            environment["AWS_USE_FIPS_ENDPOINT"] = fips ? "true" : "false";
            var mismatches = new List<string>();
            using var capture = CapturingHandler.Install();
            var regions = Table.Value.Where(e => e.Fips == fips).Select(e => (e.Region, e.Partition)).Distinct().ToList();
            foreach (var (region, partition) in regions)
            {
                var connection = ConnectionCache.Get(new ConnectionOptions { Region = region, AccessKey = "AKIAPARTITION" + (fips ? "F" : "S") + region.GetHashCode(StringComparison.Ordinal).ToString("X8", System.Globalization.CultureInfo.InvariantCulture), SecretKey = "s" });
                Compare(mismatches, "partition of " + region, partition, connection.Partition.Name);
                Compare(mismatches, "role ARN in " + region, $"arn:{partition}:iam::123456789012:role/r", Arn.Role(connection.Partition, "123456789012", "r"));
                Compare(mismatches, "trust condition in " + region, $"arn:{partition}:ssm:{region}:123456789012:*", Arn.SsmResources(connection.Partition.Name, region, "123456789012"));
                foreach (var (service, send) in Senders(connection, region))
                {
                    var before = capture.Requests.Length;
                    await IgnoreRefusal(send);
                    var sent = capture.Requests.Skip(before).First();
                    var expected = Table.Value.Single(e => e.Service == service && e.Region == region && e.Fips == fips);
                    Compare(mismatches, $"{service} endpoint in {region}", expected.Url, sent.Uri.GetLeftPart(UriPartial.Authority));
                    Compare(mismatches, $"{service} signing Region in {region}", expected.SigningRegion, sent.SigningRegion);
                }
            }

            Assert.True(regions.Count > 40, "botocore listed only " + regions.Count + " Regions");
            Assert.True(mismatches.Count == 0, string.Join(Environment.NewLine, mismatches));
        }

        [Fact]
        public async Task The_profile_use_fips_endpoint_turns_FIPS_on_and_the_environment_wins_over_it()
        {
            File.WriteAllText(Path.Combine(directory, "config"), "[default]\nuse_fips_endpoint = true\n");
            using var capture = CapturingHandler.Install();

            await IgnoreRefusal(() => ConnectionCache.Get(new ConnectionOptions { Region = "us-west-2", AccessKey = "AKIAPROFILEFIPS00001", SecretKey = "s" }).Iam.GetAccountSummaryAsync(new GetAccountSummaryRequest()));
            environment["AWS_USE_FIPS_ENDPOINT"] = "false";
            await IgnoreRefusal(() => ConnectionCache.Get(new ConnectionOptions { Region = "us-west-2", AccessKey = "AKIAPROFILEFIPS00001", SecretKey = "s" }).Iam.GetAccountSummaryAsync(new GetAccountSummaryRequest()));

            Assert.Equal(new[] { "iam-fips.amazonaws.com", "iam.amazonaws.com" }, capture.Requests.Select(r => r.Uri.Host));
        }

        [Fact]
        public async Task EndpointUrl_reaches_one_service_and_each_service_has_its_own_override_signed_for_the_Region()
        {
            environment["AWS_ENDPOINT_URL_SSM"] = "https://ssm.vpce.example";
            using var capture = CapturingHandler.Install();
            var connection = ConnectionCache.Get(new ConnectionOptions { Region = "eu-west-1", AccessKey = "AKIAONESERVICE000001", SecretKey = "s", EndpointUrl = "https://iam.vpce.example" });

            foreach (var (_, send) in Senders(connection, "eu-west-1"))
            {
                await IgnoreRefusal(send);
            }

            var sent = capture.Requests;
            Assert.Equal(new[] { "iam.vpce.example", "sts.eu-west-1.amazonaws.com", "ssm.vpce.example" }, sent.Select(r => r.Uri.Host));
            Assert.All(sent, r => Assert.Equal("eu-west-1", r.SigningRegion));
        }

        [Theory]
        [InlineData("EndpointUrl", "http://iam.example.com")]
        [InlineData("StsEndpointUrl", "http://10.1.2.3:8080")]
        public void A_cleartext_endpoint_parameter_off_this_machine_is_refused_before_any_request(string parameter, string url)
        {
            using var capture = CapturingHandler.Install();
            var options = new ConnectionOptions { Region = "us-east-1", AccessKey = "AKIACLEARTEXT0000001", SecretKey = "s" };
            if (parameter == "EndpointUrl")
            {
                options.EndpointUrl = url;
            }
            else
            {
                options.StsEndpointUrl = url;
            }

            var error = Assert.Throws<InvalidParameterException>(() => ConnectionCache.Get(options));

            Assert.Equal(ErrorIds.CleartextEndpointRefused, error.ErrorId);
            Assert.Equal(parameter, error.ParameterName);
            Assert.True(error.IsTerminating);
            Assert.Empty(capture.Requests);
        }

        [Theory]
        [InlineData("AWS_ENDPOINT_URL_IAM", null, "AWS_ENDPOINT_URL_IAM")]
        [InlineData("AWS_ENDPOINT_URL", null, "AWS_ENDPOINT_URL")]
        [InlineData(null, "[profile ops]\nendpoint_url = http://iam.corp.example\n", "endpoint_url of profile 'ops'")]
        [InlineData(null, "[profile ops]\nservices = corp\n\n[services corp]\nsso =\n  endpoint_url = http://sso.corp.example\n", "the [services] section of profile 'ops'")]
        public void A_cleartext_endpoint_from_the_environment_or_a_profile_is_refused_and_the_opt_in_allows_it(string? variable, string? config, string source)
        {
            if (variable != null)
            {
                environment[variable] = "http://iam.corp.example";
            }

            if (config != null)
            {
                File.WriteAllText(Path.Combine(directory, "config"), config);
            }

            var options = new ConnectionOptions { Region = "us-east-1", ProfileName = config is null ? null : "ops", AccessKey = "AKIACLEARTEXT0000002", SecretKey = "s" };
            var error = Assert.Throws<SsmHybridRoleException>(() => ConnectionCache.Get(options));
            Assert.Equal(ErrorIds.CleartextEndpointRefused, error.ErrorId);
            Assert.Contains(source, error.Message, StringComparison.Ordinal);
            Assert.True(error.IsTerminating);

            environment["SSMHYBRIDROLE_ALLOW_HTTP_ENDPOINT"] = "1";
            Assert.NotNull(ConnectionCache.Get(options));
        }

        [Theory]
        [InlineData("http://127.0.0.1:5000")]
        [InlineData("http://127.8.9.10:5000")]
        [InlineData("http://[::1]:5000")]
        [InlineData("http://localhost:5000")]
        public void A_cleartext_endpoint_on_this_machine_is_allowed(string url)
        {
            environment["AWS_ENDPOINT_URL_STS"] = url;

            var connection = ConnectionCache.Get(new ConnectionOptions { Region = "us-east-1", AccessKey = "AKIALOOPBACK00000001", SecretKey = "s", EndpointUrl = url });

            Assert.Equal(url, connection.IamEndpoint);
        }

        private static IEnumerable<(string Service, Func<Task> Send)> Senders(AwsConnection connection, string region)
        {
            yield return ("iam", () => connection.Iam.GetAccountSummaryAsync(new GetAccountSummaryRequest()));
            yield return ("sts", () => connection.StsClient.GetCallerIdentityAsync(new GetCallerIdentityRequest()));
            yield return ("ssm", () => connection.Ssm(region).DescribeActivationsAsync(new DescribeActivationsRequest()));
        }

        /// <summary>The handler answers AccessDenied: the request has been seen, which is all that counts here.</summary>
        private static async Task IgnoreRefusal(Func<Task> send)
        {
            try
            {
                await send();
            }
            catch (Amazon.Runtime.AmazonServiceException e) when (e.Message.Contains("captured", StringComparison.Ordinal) || e.StatusCode == System.Net.HttpStatusCode.Forbidden)
            {
            }
        }

        private static void Compare(List<string> mismatches, string what, string? expected, string? actual)
        {
            if (!string.Equals(expected, actual, StringComparison.Ordinal))
            {
                mismatches.Add($"{what}: botocore {expected}, module {actual}");
            }
        }

        private static List<Expected> LoadTable()
        {
            var script = Path.Combine(RepoRoot(), "tests", "tools", "botocore_endpoints.py");
            var start = new ProcessStartInfo("python3", $"\"{script}\"") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEnd();
            var errors = process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, "botocore_endpoints.py failed: " + errors);
            return JsonSerializer.Deserialize<List<Expected>>(output, JsonOptions)!;
        }

        internal static string RepoRoot()
        {
            var directory = AppContext.BaseDirectory;
            while (!File.Exists(Path.Combine(directory, "SsmHybridRole.psd1")) || !Directory.Exists(Path.Combine(directory, "tests")))
            {
                directory = Path.GetDirectoryName(directory) ?? throw new InvalidOperationException("The repository root was not found above " + AppContext.BaseDirectory);
            }

            return directory;
        }

        public sealed record Expected(string Service, string Partition, string Region, bool Fips, string Url, string SigningRegion);
    }
}
