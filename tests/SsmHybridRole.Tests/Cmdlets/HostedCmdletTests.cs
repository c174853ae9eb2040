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
                .AddParameter("AccountId", "123456789012")
                .AddParameter("Region", "us-east-2")
                .AddParameter("AccessKey", "AKIAIOSFODNN7EXAMPLE")
                .AddParameter("SecretKey", "hosted-test-secret")
                .AddParameter("EndpointUrl", proxy.Url);
            return shell;
        }

        [Fact]
        public async Task Stopping_the_pipeline_cancels_the_request_in_flight_and_leaves_no_role()
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
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"Stop took {clock.Elapsed.TotalSeconds:0.0} s; the held request lasts 30 s, so it was cancelled, not waited out");
            Assert.Contains("DeleteRole", proxy.Actions());
            await Assert.ThrowsAsync<NoSuchEntityException>(() => moto.Iam.GetRoleAsync(new GetRoleRequest { RoleName = name }));
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
    }
}
