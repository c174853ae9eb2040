using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using SsmHybridRole.Commands;
using SsmHybridRole.Engine.Iam;
using SsmHybridRole.Engine.Iam.Model;
using SsmHybridRole.Tests.Engine;
using Xunit;

namespace SsmHybridRole.Tests.Cmdlets
{
    /// <summary>
    /// The README's permission table, proved against an endpoint that enforces IAM policies (moto with
    /// authorization on; for Systems Manager, which moto lacks, the SSM stand-in, which evaluates the caller's
    /// policies in that moto with moto's own evaluator): a caller with exactly a cmdlet's permissions succeeds;
    /// a caller missing any one of them gets an ErrorRecord of category PermissionDenied that names the missing
    /// action.
    /// </summary>
    [Collection("moto")]
    public sealed class PermissionTests : IClassFixture<PermissionTests.EnforcingMoto>
    {
        private readonly EnforcingMoto moto;

        public PermissionTests(EnforcingMoto moto) => this.moto = moto;

        /// <summary>Each row: a scenario, the actions its happy path calls (each is dropped in turn), and the
        /// actions only its undo path needs (granted, not dropped).</summary>
        public static IEnumerable<object[]> Scenarios()
        {
            // iam:TagRole is granted, not dropped: IAM checks it for the creation marker (tag on create), moto does not.
            yield return new object[] { "New-SsmHybridServiceRole", new[] { "iam:CreateRole", "iam:AttachRolePolicy" }, UndoOfCreation.Append("iam:TagRole").Append("iam:GetRole").ToArray() };
            yield return new object[] { "Add-SsmHybridRolePolicy", new[] { "iam:ListAttachedRolePolicies", "iam:AttachRolePolicy" }, Array.Empty<string>() };
            yield return new object[] { "Remove-SsmHybridRolePolicy", new[] { "iam:ListAttachedRolePolicies", "iam:DetachRolePolicy" }, Array.Empty<string>() };
            yield return new object[] { "Get-SsmHybridServiceRole", new[] { "iam:GetRole", "iam:ListAttachedRolePolicies" }, Array.Empty<string>() };
            yield return new object[] { "Get-SsmHybridServiceRole (all)", new[] { "iam:ListRoles", "iam:GetRole", "iam:ListAttachedRolePolicies" }, Array.Empty<string>() };
            yield return new object[] { "Remove-SsmHybridServiceRole", new[] { "iam:ListInstanceProfilesForRole", "iam:ListAttachedRolePolicies", "iam:DetachRolePolicy", "iam:ListRolePolicies", "iam:DeleteRole" }, Array.Empty<string>() };
            yield return new object[] { "Test-SsmHybridServiceRole", new[] { "iam:GetRole", "iam:ListAttachedRolePolicies", "iam:GetAccountSummary" }, Array.Empty<string>() };
            yield return new object[] { "Set-SsmHybridServiceRole", new[] { "iam:GetRole", "iam:ListAttachedRolePolicies", "iam:UpdateRole" }, Array.Empty<string>() };

            // Systems Manager, against the SSM stand-in, which evaluates the caller's IAM policies in moto the same way.
            yield return new object[] { "New-SsmHybridActivation", new[] { "ssm:CreateActivation", "iam:PassRole" }, new[] { "ssm:DescribeActivations", "ssm:DeleteActivation" } };
            yield return new object[] { "Get-SsmHybridActivation", new[] { "ssm:DescribeActivations" }, Array.Empty<string>() };
            yield return new object[] { "Remove-SsmHybridActivation", new[] { "ssm:DeleteActivation" }, Array.Empty<string>() };
            yield return new object[] { "Get-SsmHybridManagedNode", new[] { "ssm:DescribeInstanceInformation" }, Array.Empty<string>() };
            yield return new object[] { "Set-SsmHybridManagedNode", new[] { "ssm:UpdateManagedInstanceRole", "iam:PassRole" }, Array.Empty<string>() };
            yield return new object[] { "Unregister-SsmHybridManagedNode", new[] { "ssm:DeregisterManagedInstance" }, Array.Empty<string>() };
            yield return new object[] { "Get-SsmHybridInstanceTier", new[] { "ssm:GetServiceSetting" }, Array.Empty<string>() };
            yield return new object[] { "Set-SsmHybridInstanceTier", new[] { "ssm:GetServiceSetting", "ssm:UpdateServiceSetting" }, Array.Empty<string>() };
        }

        [Theory]
        [MemberData(nameof(Scenarios))]
        public async Task Exactly_the_listed_permissions_are_enough_and_each_one_is_needed(string scenario, string[] required, string[] undo)
        {
            var (accessKey, secretKey) = await moto.CallerWith(required.Concat(undo));
            var outcome = await Run(scenario, accessKey, secretKey);
            Assert.True(outcome.Errors.Count == 0, $"{scenario} with exactly {string.Join(", ", required)}: {string.Join("; ", outcome.Errors.Select(e => e.Exception.Message))}");

            foreach (var missing in required)
            {
                (accessKey, secretKey) = await moto.CallerWith(required.Where(a => a != missing).Concat(undo));
                outcome = await Run(scenario, accessKey, secretKey);

                var error = Assert.Single(outcome.Errors);
                Assert.True(error.CategoryInfo.Category == ErrorCategory.PermissionDenied, $"{scenario} without {missing}: {error.CategoryInfo.Category} {error.FullyQualifiedErrorId}");
                Assert.Contains(missing, error.Exception.Message, StringComparison.Ordinal);
            }
        }

        /// <summary>What undoing a creation that failed part-way needs: read what IAM shows attached, detach it, delete the role.</summary>
        private static readonly string[] UndoOfCreation = { "iam:ListAttachedRolePolicies", "iam:DetachRolePolicy", "iam:DeleteRole" };

        [Fact]
        public async Task The_undo_of_a_creation_that_failed_part_way_needs_exactly_its_listed_permissions()
        {
            var creation = new[] { "iam:CreateRole", "iam:AttachRolePolicy", "iam:TagRole" };
            var (accessKey, secretKey) = await moto.CallerWith(creation.Concat(UndoOfCreation));
            var name = await moto.NewRoleAsync() + "-undo";
            var outcome = await RunFailingCreation(name, accessKey, secretKey);

            var error = Assert.Single(outcome);
            Assert.StartsWith("PolicyNotFound,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
            Assert.False(await moto.RoleExistsAsync(name), "with exactly the undo's permissions the half-made role is removed");

            foreach (var missing in UndoOfCreation)
            {
                (accessKey, secretKey) = await moto.CallerWith(creation.Concat(UndoOfCreation.Where(a => a != missing)));
                name = await moto.NewRoleAsync() + "-undo";
                outcome = await RunFailingCreation(name, accessKey, secretKey);

                error = Assert.Single(outcome);
                Assert.StartsWith("RoleCreationIncomplete,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
                Assert.Equal(ErrorCategory.PermissionDenied, error.CategoryInfo.Category);
                Assert.Contains(missing, error.Exception.Message, StringComparison.Ordinal);
                Assert.Contains($"role '{name}'", error.Exception.Message, StringComparison.Ordinal);
                Assert.True(await moto.RoleExistsAsync(name), $"without {missing} the role stays, and the error names it");
            }
        }

        /// <summary>New-SsmHybridServiceRole with a policy that does not exist: it fails after CreateRole, so it must undo.</summary>
        private async Task<IReadOnlyList<ErrorRecord>> RunFailingCreation(string name, string accessKey, string secretKey)
        {
            using var shell = PowerShell.Create(moto.State);
            shell.AddCommand("New-SsmHybridServiceRole").AddParameter("RoleName", name).AddParameter("SourceAccountId", "123456789012")
                .AddParameter("PolicyArn", new[] { "arn:aws:iam::123456789012:policy/DoesNotExist" })
                .AddParameter("Region", "us-east-2").AddParameter("AccessKey", accessKey).AddParameter("SecretKey", secretKey).AddParameter("EndpointUrl", moto.Endpoint)
                .AddParameter("WarningAction", ActionPreference.SilentlyContinue);
            await Task.Run(() => shell.Invoke());
            return shell.Streams.Error.ToList();
        }

        [Fact]
        public async Task An_activation_is_made_without_the_permissions_of_the_lost_answer_check_which_then_only_warns()
        {
            var (accessKey, secretKey) = await moto.CallerWith(new[] { "ssm:CreateActivation", "iam:PassRole" });
            var role = await moto.NewRoleAsync();
            using var shell = PowerShell.Create(moto.State);
            shell.AddCommand("New-SsmHybridActivation").AddParameter("RoleName", role).AddParameters(new Dictionary<string, object>
            {
                ["Region"] = "us-east-2", ["AccessKey"] = accessKey, ["SecretKey"] = secretKey, ["EndpointUrl"] = (await moto.SsmAsync()).Url,
            });

            var output = shell.Invoke();

            Assert.Empty(shell.Streams.Error);
            Assert.IsType<HybridActivation>(Assert.Single(output).BaseObject);
            Assert.Contains(shell.Streams.Warning, w => w.Message.Contains("ssm:DescribeActivations", StringComparison.Ordinal));
        }

        private async Task<(IReadOnlyList<ErrorRecord> Errors, int Output)> Run(string scenario, string accessKey, string secretKey)
        {
            var role = await moto.NewRoleAsync();
            using var shell = PowerShell.Create(moto.State);
            var connection = new Dictionary<string, object> { ["Region"] = "us-east-2", ["AccessKey"] = accessKey, ["SecretKey"] = secretKey, ["EndpointUrl"] = moto.Endpoint };
            if (scenario.Contains("-SsmHybridActivation", StringComparison.Ordinal) || scenario.Contains("ManagedNode", StringComparison.Ordinal) || scenario.Contains("InstanceTier", StringComparison.Ordinal))
            {
                connection["EndpointUrl"] = (await moto.SsmAsync()).Url;
                SsmScenario(shell, scenario, role, await moto.SsmAsync());
                shell.AddParameters(connection);
                var ssmOutput = shell.Invoke();
                return (shell.Streams.Error.ToList(), ssmOutput.Count);
            }

            switch (scenario)
            {
                case "New-SsmHybridServiceRole":
                    shell.AddCommand("New-SsmHybridServiceRole").AddParameter("RoleName", role + "-new").AddParameter("SourceAccountId", "123456789012");
                    break;
                case "Add-SsmHybridRolePolicy":
                    shell.AddCommand("Add-SsmHybridRolePolicy").AddParameter("RoleName", role).AddParameter("Policy", new[] { "CloudWatchAgentServer" });
                    break;
                case "Remove-SsmHybridRolePolicy":
                    shell.AddCommand("Remove-SsmHybridRolePolicy").AddParameter("RoleName", role).AddParameter("Policy", new[] { "ManagedInstanceCore" }).AddParameter("Force");
                    break;
                case "Get-SsmHybridServiceRole":
                    shell.AddCommand("Get-SsmHybridServiceRole").AddParameter("RoleName", new[] { role });
                    break;
                case "Get-SsmHybridServiceRole (all)":
                    shell.AddCommand("Get-SsmHybridServiceRole").AddParameter("RoleName", new[] { role + "*" });
                    break;
                case "Remove-SsmHybridServiceRole":
                    shell.AddCommand("Remove-SsmHybridServiceRole").AddParameter("RoleName", role).AddParameter("Force");
                    break;
                case "Test-SsmHybridServiceRole":
                    shell.AddCommand("Test-SsmHybridServiceRole").AddParameter("RoleName", new[] { role });
                    break;
                case "Set-SsmHybridServiceRole":
                    shell.AddCommand("Set-SsmHybridServiceRole").AddParameter("RoleName", role).AddParameter("NoSourceCondition").AddParameter("Description", "changed");
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(scenario), scenario, null);
            }

            shell.AddParameters(connection);
            var output = shell.Invoke();
            return (shell.Streams.Error.ToList(), output.Count);
        }

        private static void SsmScenario(PowerShell shell, string scenario, string role, SsmStandIn ssm)
        {
            switch (scenario)
            {
                case "New-SsmHybridActivation":
                    shell.AddCommand(scenario).AddParameter("RoleName", role);
                    break;
                case "Get-SsmHybridActivation":
                    shell.AddCommand(scenario).AddParameter("RoleName", role);
                    break;
                case "Remove-SsmHybridActivation":
                    shell.AddCommand(scenario).AddParameter("ActivationId", ssm.SeedActivation(role).ActivationId).AddParameter("Force");
                    break;
                case "Get-SsmHybridManagedNode":
                    shell.AddCommand(scenario).AddParameter("RoleName", role);
                    break;
                case "Set-SsmHybridManagedNode":
                    shell.AddCommand(scenario).AddParameter("InstanceId", ssm.SeedNode(role)).AddParameter("RoleName", role);
                    break;
                case "Unregister-SsmHybridManagedNode":
                    shell.AddCommand(scenario).AddParameter("InstanceId", ssm.SeedNode(role)).AddParameter("Force");
                    break;
                case "Get-SsmHybridInstanceTier":
                    shell.AddCommand(scenario);
                    break;
                case "Set-SsmHybridInstanceTier":
                    ssm.ResetTier();
                    shell.AddCommand(scenario).AddParameter("Tier", "Advanced").AddParameter("Force");
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(scenario), scenario, null);
            }
        }

        /// <summary>The SSM stand-in (tests/tools/ssm_endpoint.py), authorizing each call by the caller's IAM policies in moto.</summary>
        public sealed class SsmStandIn : IDisposable
        {
            private static readonly HttpClient Http = new HttpClient();
            private readonly Process process;

            public SsmStandIn(string iamEndpoint, string adminAccessKey, string adminSecretKey)
            {
                var portFile = Path.Combine(Path.GetTempPath(), "ssm-" + Guid.NewGuid().ToString("N") + ".port");
                var script = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "tools", "ssm_endpoint.py");
                var start = new ProcessStartInfo("python3") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
                foreach (var argument in new[] { Path.GetFullPath(script), "--iam-endpoint", iamEndpoint, "--admin-access-key", adminAccessKey, "--admin-secret-key", adminSecretKey, "--authorize", "--port-file", portFile })
                {
                    start.ArgumentList.Add(argument);
                }

                process = Process.Start(start) ?? throw new InvalidOperationException("ssm_endpoint.py did not start.");
                process.BeginOutputReadLine();
                process.BeginErrorReadLine();
                var deadline = DateTime.UtcNow.AddSeconds(30);
                while (!File.Exists(portFile) || new FileInfo(portFile).Length == 0)
                {
                    if (process.HasExited || DateTime.UtcNow > deadline)
                    {
                        throw new InvalidOperationException("ssm_endpoint.py did not start.");
                    }

                    Thread.Sleep(50);
                }

                Url = "http://127.0.0.1:" + File.ReadAllText(portFile).Trim();
                File.Delete(portFile);
            }

            public string Url { get; }

            public (string ActivationId, string ActivationCode) SeedActivation(string role)
            {
                using var answer = Control("seed-activation", "{\"region\":\"us-east-2\",\"IamRole\":\"" + role + "\"}");
                return (answer.RootElement.GetProperty("ActivationId").GetString()!, answer.RootElement.GetProperty("ActivationCode").GetString()!);
            }

            public string SeedNode(string role)
            {
                var (id, code) = SeedActivation(role);
                using var answer = Control("register", "{\"region\":\"us-east-2\",\"activationId\":\"" + id + "\",\"activationCode\":\"" + code + "\"}");
                return answer.RootElement.GetProperty("InstanceId").GetString()!;
            }

            public void ResetTier() => Control("tier", "{\"region\":\"us-east-2\"}").Dispose();

            public void Dispose()
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                    process.WaitForExit(5000);
                }

                process.Dispose();
            }

            private System.Text.Json.JsonDocument Control(string path, string body)
            {
                using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
                using var answer = Http.PostAsync(new Uri(Url + "/__ssm/" + path), content).GetAwaiter().GetResult();
                answer.EnsureSuccessStatusCode();
                return System.Text.Json.JsonDocument.Parse(answer.Content.ReadAsStringAsync().GetAwaiter().GetResult());
            }
        }

        /// <summary>A moto_server of its own, whose authorization is switched on once an administrator exists.</summary>
        public sealed class EnforcingMoto : IDisposable
        {
            private static readonly HttpClient Http = new HttpClient();
            private readonly Process process;
            private IdentityManagementServiceClient? admin;
            private (string AccessKey, string SecretKey) adminKeys;
            private SsmStandIn? ssm;
            private int users;

            public EnforcingMoto()
            {
                int port;
                using (var listener = new TcpListener(System.Net.IPAddress.Loopback, 0))
                {
                    listener.Start();
                    port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
                }

                Endpoint = "http://127.0.0.1:" + port;
                var start = new ProcessStartInfo("moto_server", $"-H 127.0.0.1 -p {port}") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
                start.Environment["MOTO_IAM_LOAD_MANAGED_POLICIES"] = "true";
                process = Process.Start(start) ?? throw new InvalidOperationException("moto_server did not start.");
                process.BeginOutputReadLine();
                process.BeginErrorReadLine();
                var deadline = DateTime.UtcNow.AddSeconds(60);
                while (true)
                {
                    try
                    {
                        Http.GetAsync(new Uri(Endpoint + "/moto-api/")).GetAwaiter().GetResult().EnsureSuccessStatusCode();
                        break;
                    }
                    catch (HttpRequestException) when (DateTime.UtcNow < deadline && !process.HasExited)
                    {
                        Thread.Sleep(200);
                    }
                }

                State = InitialSessionState.CreateDefault2();
                foreach (var type in typeof(NewSsmHybridServiceRoleCommand).Assembly.GetTypes())
                {
                    if (type.GetCustomAttributes(typeof(CmdletAttribute), false).FirstOrDefault() is CmdletAttribute cmdlet)
                    {
                        State.Commands.Add(new SessionStateCmdletEntry($"{cmdlet.VerbName}-{cmdlet.NounName}", type, null));
                    }
                }
            }

            public string Endpoint { get; }

            public InitialSessionState State { get; }

            /// <summary>Keys of a new user allowed exactly <paramref name="actions"/> on every resource.</summary>
            public async Task<(string AccessKey, string SecretKey)> CallerWith(IEnumerable<string> actions)
            {
                var iam = await AdminAsync();
                var name = "caller-" + Interlocked.Increment(ref users);
                await iam.CreateUserAsync(new CreateUserRequest { UserName = name });
                var document = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[" + string.Join(",", actions.Append("sts:GetCallerIdentity").Select(a => "\"" + a + "\"")) + "],\"Resource\":\"*\"}]}";
                await iam.PutUserPolicyAsync(new PutUserPolicyRequest { UserName = name, PolicyName = "exact", PolicyDocument = document });
                var key = await iam.CreateAccessKeyAsync(new CreateAccessKeyRequest { UserName = name });
                return (key.AccessKeyId, key.SecretAccessKey);
            }

            /// <summary>A role trusted by SSM with AmazonSSMManagedInstanceCore attached, made by the administrator.</summary>
            public async Task<string> NewRoleAsync()
            {
                var iam = await AdminAsync();
                var name = "perm-role-" + Interlocked.Increment(ref users);
                await iam.CreateRoleAsync(new CreateRoleRequest { RoleName = name, AssumeRolePolicyDocument = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ssm.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}" });
                await iam.AttachRolePolicyAsync(new AttachRolePolicyRequest { RoleName = name, PolicyArn = "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore" });
                return name;
            }

            public async Task<bool> RoleExistsAsync(string name)
            {
                try
                {
                    await (await AdminAsync()).GetRoleAsync(new GetRoleRequest { RoleName = name });
                    return true;
                }
                catch (NoSuchEntityException)
                {
                    return false;
                }
            }

            /// <summary>The SSM stand-in, started once an administrator exists to read the callers' policies with.</summary>
            public async Task<SsmStandIn> SsmAsync()
            {
                await AdminAsync();
                return ssm ??= new SsmStandIn(Endpoint, adminKeys.AccessKey, adminKeys.SecretKey);
            }

            public void Dispose()
            {
                ssm?.Dispose();
                admin?.Dispose();
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                    process.WaitForExit(5000);
                }

                process.Dispose();
            }

            private async Task<IdentityManagementServiceClient> AdminAsync()
            {
                if (admin != null)
                {
                    return admin;
                }

                // While authorization is still off, make an administrator; then switch authorization on.
                using var bootstrap = new IdentityManagementServiceClient(new Amazon.Runtime.BasicAWSCredentials("AKIAIOSFODNN7EXAMPLE", "x"), new IdentityManagementServiceConfig { ServiceURL = Endpoint, AuthenticationRegion = "us-east-1" });
                await bootstrap.CreateUserAsync(new CreateUserRequest { UserName = "admin" });
                await bootstrap.PutUserPolicyAsync(new PutUserPolicyRequest { UserName = "admin", PolicyName = "all", PolicyDocument = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}" });
                var key = await bootstrap.CreateAccessKeyAsync(new CreateAccessKeyRequest { UserName = "admin" });
                using (var enforce = new StringContent("0"))
                {
                    (await Http.PostAsync(new Uri(Endpoint + "/moto-api/reset-auth"), enforce)).EnsureSuccessStatusCode();
                }

                adminKeys = (key.AccessKeyId, key.SecretAccessKey);
                admin = new IdentityManagementServiceClient(new Amazon.Runtime.BasicAWSCredentials(key.AccessKeyId, key.SecretAccessKey), new IdentityManagementServiceConfig { ServiceURL = Endpoint, AuthenticationRegion = "us-east-1" });
                return admin;
            }
        }
    }
}
