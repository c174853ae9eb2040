using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using SsmHybridRole.Engine.Accounts;
using SsmHybridRole.Engine.Connections;
using SsmHybridRole.Engine.Errors;
using SsmHybridRole.Engine.Iam;
using SsmHybridRole.Engine.Iam.Model;
using SsmHybridRole.Engine.Reporting;
using Xunit;

namespace SsmHybridRole.Tests.Engine
{
    /// <summary>
    /// Connections keyed exactly, time limits on every request, listings that cannot loop, and the session that a
    /// role assumed in a member account gets: against moto, with the requests seen as they leave the SDK.
    /// </summary>
    [Collection("moto")]
    public sealed class ConnectionKeyTests : IClassFixture<MotoFixture>, IDisposable
    {
        private readonly MotoFixture moto;
        private readonly FakeEnvironment environment = new FakeEnvironment();
        private readonly string directory = Directory.CreateTempSubdirectory("ssmhybrid-keys").FullName;

        public ConnectionKeyTests(MotoFixture moto)
        {
            this.moto = moto;
            environment["AWS_CONFIG_FILE"] = Path.Combine(directory, "config");
        }

        public void Dispose()
        {
            environment.Dispose();
            Directory.Delete(directory, recursive: true);
        }

        [Fact]
        public void Two_credential_objects_never_share_a_connection_even_when_their_hash_codes_are_equal()
        {
            var first = new SameHash();
            var second = new SameHash();
            Assert.Equal(first.GetHashCode(), second.GetHashCode());

            var a = ConnectionCache.Get(Options(first));
            var b = ConnectionCache.Get(Options(second));
            var again = ConnectionCache.Get(Options(first));

            Assert.NotSame(a, b);
            Assert.Same(a, again);
        }

        [Fact]
        public async Task A_rotated_key_in_the_credentials_file_is_used_by_the_next_command()
        {
            var file = Path.Combine(directory, "credentials");
            File.WriteAllText(file, "[rotating]\naws_access_key_id = AKIAROTATEDKEY000001\naws_secret_access_key = old\n");
            using var capture = CapturingHandler.Install(forward: true);
            await ConnectionCache.Get(new ConnectionOptions { ProfileName = "rotating", ProfileLocation = file, Region = "us-east-1", EndpointUrl = moto.Endpoint }).Iam.GetAccountSummaryAsync(new GetAccountSummaryRequest());

            File.WriteAllText(file, "[rotating]\naws_access_key_id = AKIAROTATEDKEY000002\naws_secret_access_key = new-secret\n");
            File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddSeconds(5));
            await ConnectionCache.Get(new ConnectionOptions { ProfileName = "rotating", ProfileLocation = file, Region = "us-east-1", EndpointUrl = moto.Endpoint }).Iam.GetAccountSummaryAsync(new GetAccountSummaryRequest());

            Assert.Equal(new[] { "AKIAROTATEDKEY000001", "AKIAROTATEDKEY000002" }, capture.Requests.Select(r => AccessKeyOf(r.Authorization)));
        }

        [Fact]
        public async Task A_request_that_gets_no_answer_fails_within_the_request_time_limit()
        {
            using var silent = new TcpListener(IPAddress.Loopback, 0);
            silent.Start();
            environment["SSMHYBRIDROLE_REQUEST_TIMEOUT"] = "1";
            environment["AWS_MAX_ATTEMPTS"] = "1";
            var accepted = new List<TcpClient>();
            using var stop = new CancellationTokenSource();
            var accepting = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    accepted.Add(await silent.AcceptTcpClientAsync(stop.Token));
                }
            });
            var connection = ConnectionCache.Get(new ConnectionOptions { Region = "us-east-1", AccessKey = "AKIASILENTENDPOINT01", SecretKey = "s", EndpointUrl = "http://127.0.0.1:" + ((IPEndPoint)silent.LocalEndpoint).Port });

            var failure = await Assert.ThrowsAnyAsync<Exception>(() => connection.Iam.GetAccountSummaryAsync(new GetAccountSummaryRequest()));

            Assert.NotEmpty(accepted);
            Assert.IsNotType<OperationCanceledException>(failure.InnerException ?? failure);
            stop.Cancel();
            accepted.ForEach(c => c.Dispose());
        }

        [Fact]
        public void Every_client_has_explicit_time_limits_and_the_handler_limits_the_connect()
        {
            environment["SSMHYBRIDROLE_CONNECT_TIMEOUT"] = "7";
            environment["SSMHYBRIDROLE_REQUEST_TIMEOUT"] = "45";

            var settings = HttpSettings.Resolve(null);
            using var handler = settings.CreateHandler();

            Assert.Equal(TimeSpan.FromSeconds(7), settings.ConnectTimeout);
            Assert.Equal(TimeSpan.FromSeconds(45), settings.RequestTimeout);
            Assert.Equal(TimeSpan.FromSeconds(7), (TimeSpan)handler.GetType().GetProperty("ConnectTimeout")!.GetValue(handler)!);
        }

        [Fact]
        public async Task A_listing_that_hands_back_the_same_marker_stops_with_an_error()
        {
            var calls = 0;
            Task<ListRolesResponse> SamePage(ListRolesRequest request, CancellationToken cancel)
            {
                calls++;
                return Task.FromResult(new ListRolesResponse { IsTruncated = true, Marker = "page-2", Roles = new List<Role> { new Role { RoleName = "r" + calls } } });
            }

            var error = await Assert.ThrowsAsync<SsmHybridRoleException>(() => IdentityManagementServicePaginators.ListAllAsync<ListRolesRequest, ListRolesResponse, Role>(new ListRolesRequest(), SamePage, CancellationToken.None));

            Assert.Equal(ErrorIds.PaginationLoop, error.ErrorId);
            Assert.Equal(2, calls);
        }

        [Theory]
        [InlineData(0)]
        [InlineData(1)]
        public async Task A_role_assumed_in_a_member_account_gets_a_session_policy_of_the_task_and_a_SourceIdentity_of_the_caller(int taskNumber)
        {
            var task = (AccountTask)taskNumber;
            using var capture = CapturingHandler.Install(forward: true);
            var options = moto.Options();
            options.AccessKey = "AKIAFANOUTCALLER" + (int)task + "001";
            var results = new List<string?>();

            await AccountFanOut.RunAsync(options, new AccountScope(new[] { "210987654321" }, task: task), async (connection, account) =>
            {
                await connection.Iam.GetAccountSummaryAsync(new GetAccountSummaryRequest());
                return account;
            },
            (account, _) => results.Add(account), (account, e) => throw e, SilentReporter.Instance, CancellationToken.None);

            Assert.Equal(new[] { "210987654321" }, results);
            var assume = capture.Requests.Single(r => System.Web.HttpUtility.ParseQueryString(r.Body)["Action"] == "AssumeRole");
            var form = System.Web.HttpUtility.ParseQueryString(assume.Body);
            using var policy = JsonDocument.Parse(form["Policy"]!);
            var statement = policy.RootElement.GetProperty("Statement")[0];
            Assert.Equal("Allow", statement.GetProperty("Effect").GetString());
            Assert.Equal(MemberAccountPolicy.ActionsFor(task), statement.GetProperty("Action").EnumerateArray().Select(a => a.GetString()));
            Assert.Equal("moto", form["SourceIdentity"]);
            foreach (var action in MemberAccountPolicy.ActionsFor(task))
            {
                Assert.Contains("`" + action + "`", ReadmePermissionRows(task), StringComparison.Ordinal);
            }
        }

        [Theory]
        [InlineData("arn:aws:iam::123456789012:user/alice", "alice")]
        [InlineData("arn:aws:sts::123456789012:assumed-role/Admin/alice@example.com", "alice@example.com")]
        [InlineData("arn:aws:iam::123456789012:root", "root")]
        [InlineData("arn:aws:sts::123456789012:assumed-role/Admin/a", "caller-a")]
        public void The_SourceIdentity_names_the_caller_within_what_STS_allows(string callerArn, string expected)
            => Assert.Equal(expected, ConnectionCache.SourceIdentityOf(callerArn));

        private static string ReadmePermissionRows(AccountTask task)
        {
            var readme = File.ReadAllLines(Path.Combine(PartitionEndpointTests.RepoRoot(), "README.md"));
            var cmdlets = task == AccountTask.Check ? new[] { "`Test-SsmHybridServiceRole`" } : new[] { "`Set-SsmHybridServiceRole`", "`New-SsmHybridServiceRole`" };
            return string.Join("\n", readme.Where(line => cmdlets.Any(c => line.StartsWith("| " + c + " |", StringComparison.Ordinal))));
        }

        private static string? AccessKeyOf(string? authorization) => authorization?.Split("Credential=", 2)[1].Split('/')[0];

        private ConnectionOptions Options(object credentialObject) => new ConnectionOptions
        {
            Region = "us-east-2",
            EndpointUrl = moto.Endpoint,
            ExternalCredentials = () => new KeyTriple("AKIASAMEHASHOBJECT01", "s", null),
            ExternalCredentialsIdentity = credentialObject,
        };

        /// <summary>Objects whose hash codes are all the same: an identity hash code is no key.</summary>
        private sealed class SameHash
        {
            public override int GetHashCode() => 42;

            public override bool Equals(object? obj) => ReferenceEquals(this, obj);
        }
    }
}
