using System;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Threading;
using System.Threading.Tasks;
using SsmHybridRole.Commands;
using SsmHybridRole.Engine.Iam.Model;
using SsmHybridRole.Tests.Engine;
using Xunit;

namespace SsmHybridRole.Tests.Cmdlets
{
    /// <summary>The cmdlets in a hosted runspace, where a test can stop the pipeline and read the progress stream.</summary>
    [Collection("moto")]
    public sealed class HostedCmdletTests : IClassFixture<MotoFixture>, IDisposable
    {
        private readonly MotoFixture moto;
        private readonly IamProxy proxy;
        private readonly Runspace runspace;

        private readonly Xunit.Abstractions.ITestOutputHelper output;

        public HostedCmdletTests(MotoFixture moto, Xunit.Abstractions.ITestOutputHelper output)
        {
            this.moto = moto;
            this.output = output;
            proxy = new IamProxy(moto.Endpoint);
            var state = InitialSessionState.CreateDefault2();
            state.Commands.Add(new SessionStateCmdletEntry("New-SsmHybridServiceRole", typeof(NewSsmHybridServiceRoleCommand), null));
            runspace = RunspaceFactory.CreateRunspace(state);
            runspace.Open();
        }

        public void Dispose()
        {
            runspace.Dispose();
            proxy.Dispose();
        }

        private PowerShell NewRole(string name)
        {
            var shell = PowerShell.Create();
            shell.Runspace = runspace;
            shell.AddCommand("New-SsmHybridServiceRole")
                .AddParameter("RoleName", name)
                .AddParameter("Policy", new[] { "CloudWatchAgentServer" })
                .AddParameter("SourceAccountId", "123456789012")
                .AddParameter("Region", "us-east-2")
                .AddParameter("AccessKey", "AKIAIOSFODNN7EXAMPLE")
                .AddParameter("SecretKey", "hosted-test-secret")
                .AddParameter("EndpointUrl", proxy.Url);
            return shell;
        }

        [Fact]
        public async Task Stopping_the_pipeline_stops_waiting_for_the_request_in_flight_and_leaves_no_role()
        {
            var name = MotoFixture.UniqueName("ctrl-c");
            proxy.AddFault("AttachRolePolicy", "delay", times: 1, seconds: 30);
            using var shell = NewRole(name);

            var running = shell.BeginInvoke();
            var deadline = DateTime.UtcNow.AddSeconds(15);
            while (!proxy.Actions().Contains("AttachRolePolicy") && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }

            var clock = Stopwatch.StartNew();
            shell.Stop();
            clock.Stop();
            output.WriteLine($"Stop() returned after {clock.Elapsed.TotalMilliseconds:0} ms, undo included.");

            Assert.Contains("AttachRolePolicy", proxy.Actions());
            Assert.Equal(PSInvocationState.Stopped, shell.InvocationStateInfo.State);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"Stop took {clock.Elapsed.TotalSeconds:0.0} s; the held request lasts 30 s, so it was not waited out");
            Assert.Contains("DeleteRole", proxy.Actions());
            await Assert.ThrowsAsync<NoSuchEntityException>(() => moto.Iam.GetRoleAsync(new GetRoleRequest { RoleName = name }));

            // No silent undo, even without a user interface: the host's warning stream says what was removed.
            Assert.Contains(shell.Streams.Warning, w => w.Message.Contains($"Creating role '{name}' stopped part-way", StringComparison.Ordinal) && w.Message.Contains($"deleted role '{name}'", StringComparison.Ordinal));
        }

        [Fact]
        public async Task Stopping_leaves_the_request_in_flight_to_end_on_its_connection_without_cutting_it_off()
        {
            // The SDK is never handed the stop: a request cancelled as its answer arrived could leave the next request on
            // the same pooled connection unanswered. So the held request is answered, to a client still reading it.
            var name = MotoFixture.UniqueName("ctrl-c-drop");
            proxy.AddFault("AttachRolePolicy", "delay", times: 1, seconds: 3);
            using var shell = NewRole(name);

            var running = shell.BeginInvoke();
            await WaitUntilAsync(() => Task.FromResult(proxy.Actions().Contains("AttachRolePolicy")));
            shell.Stop();
            await WaitUntilAsync(() => Task.FromResult(Attach().GetProperty("outcome").ValueKind != System.Text.Json.JsonValueKind.Null));

            Assert.Equal(PSInvocationState.Stopped, shell.InvocationStateInfo.State);
            Assert.Equal("answered", Attach().GetProperty("outcome").GetString());
            Assert.All(proxy.Log().Where(e => e.GetProperty("action").GetString() != "AttachRolePolicy"), e => Assert.Equal("answered", e.GetProperty("outcome").GetString()));
            Assert.Contains("DeleteRole", proxy.Actions());
            Assert.False(await RoleExistsAsync(name), "the undo removed the role");

            System.Text.Json.JsonElement Attach() => proxy.Log().First(e => e.GetProperty("action").GetString() == "AttachRolePolicy");
        }

        [Fact]
        public async Task Stopping_while_IAM_holds_the_answer_to_CreateRole_finds_the_role_IAM_made_and_removes_it()
        {
            var name = MotoFixture.UniqueName("ctrl-c-create");
            proxy.AddFault("CreateRole", "holdanswer", times: 1, seconds: 30);
            using var shell = NewRole(name);

            var running = shell.BeginInvoke();
            var deadline = DateTime.UtcNow.AddSeconds(15);
            while (!proxy.Actions().Contains("CreateRole") && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }

            // IAM has the request (the proxy forwards it at once and holds only the answer): the role exists now.
            await WaitUntilAsync(async () => await RoleExistsAsync(name));
            shell.Stop();

            Assert.Equal(PSInvocationState.Stopped, shell.InvocationStateInfo.State);
            Assert.False(await RoleExistsAsync(name), "the role IAM made while its answer was held is gone");
            Assert.Contains("GetRole", proxy.Actions());
            Assert.Contains("DeleteRole", proxy.Actions());
            Assert.DoesNotContain("AttachRolePolicy", proxy.Actions());
        }

        [Fact]
        public void ConcurrentModification_is_waited_out_with_progress_and_no_rollback()
        {
            var name = MotoFixture.UniqueName("concurrent");
            proxy.AddFault("AttachRolePolicy", "concurrent", times: 3);
            using var shell = NewRole(name).AddParameter("Verbose");

            var output = shell.Invoke();

            Assert.False(shell.HadErrors, string.Join("; ", shell.Streams.Error.Select(e => e.ToString())));
            Assert.Empty(shell.Streams.Warning);
            Assert.Equal(2, ((object[])output.Single().Properties["AttachedPolicies"].Value).Length);
            Assert.Contains(shell.Streams.Progress, p => p.StatusDescription.StartsWith($"Waiting for another change to role '{name}' to finish", StringComparison.Ordinal));
            Assert.DoesNotContain("DeleteRole", proxy.Actions());
        }

        [Fact]
        public void Waiting_for_IAM_to_propagate_is_shown_as_progress()
        {
            var name = MotoFixture.UniqueName("progress");
            proxy.AddFault("AttachRolePolicy", "nosuchentity", times: 2);
            using var shell = NewRole(name).AddParameter("Verbose");

            var output = shell.Invoke();

            Assert.False(shell.HadErrors, string.Join("; ", shell.Streams.Error.Select(e => e.ToString())));
            Assert.Equal(name, output.Single().Properties["RoleName"].Value);
            Assert.Contains(shell.Streams.Progress, p => p.Activity == "Waiting for IAM to propagate" && p.RecordType == ProgressRecordType.Processing);
            Assert.Contains(shell.Streams.Progress, p => p.Activity == "Waiting for IAM to propagate" && p.RecordType == ProgressRecordType.Completed);
            Assert.Contains(shell.Streams.Verbose, v => v.Message.Contains("IAM has not propagated yet", StringComparison.Ordinal));
        }

        private static async Task WaitUntilAsync(Func<Task<bool>> condition)
        {
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (!await condition() && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }

        private async Task<bool> RoleExistsAsync(string name)
        {
            try
            {
                await moto.Iam.GetRoleAsync(new GetRoleRequest { RoleName = name });
                return true;
            }
            catch (NoSuchEntityException)
            {
                return false;
            }
        }
    }
}
