using System;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Management.Automation.Runspaces;
using System.Threading;
using System.Threading.Tasks;
using SsmHybridRole.Commands;
using SsmHybridRole.Engine.Iam.Model;
using SsmHybridRole.Engine.Reporting;
using SsmHybridRole.Engine.Roles;
using SsmHybridRole.Tests.Engine;
using Xunit;

namespace SsmHybridRole.Tests.Cmdlets
{
    /// <summary>
    /// What a user is told and asked when a command asks first or is stopped, in hosted runspaces: one without a user
    /// interface (a PowerShell.Create() default host, as a service or a scheduler hosts PowerShell), and one with a
    /// user interface that answers as a user at a console would.
    /// </summary>
    [Collection("moto")]
    public sealed class UnattendedTests : IClassFixture<MotoFixture>, IDisposable
    {
        private const string Core = "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore";
        private readonly MotoFixture moto;
        private readonly IamProxy proxy;

        public UnattendedTests(MotoFixture moto)
        {
            this.moto = moto;
            proxy = new IamProxy(moto.Endpoint);
        }

        public void Dispose() => proxy.Dispose();

        [Fact]
        public async Task Without_a_user_interface_detaching_the_core_policy_is_ConfirmationRequired_for_each_input_and_detaches_nothing()
        {
            var names = new[] { await NewRoleAsync("unattended-a"), await NewRoleAsync("unattended-b") };
            using var runspace = OpenRunspace(host: null);
            using var shell = Command(runspace, "Remove-SsmHybridRolePolicy").AddParameter("Policy", new[] { "ManagedInstanceCore" });

            shell.Invoke(names);

            var errors = shell.Streams.Error.ToList();
            Assert.Equal(2, errors.Count);
            Assert.All(errors, e => Assert.Equal("ConfirmationRequired,SsmHybridRole.Commands.RemoveSsmHybridRolePolicyCommand", e.FullyQualifiedErrorId));
            Assert.All(errors, e => Assert.Equal(ErrorCategory.InvalidOperation, e.CategoryInfo.Category));
            Assert.All(errors, e => Assert.Contains("-Force", e.ErrorDetails.RecommendedAction, StringComparison.Ordinal));
            Assert.Equal(names.Select(n => $"role '{n}'"), errors.Select(e => e.TargetObject));
            Assert.DoesNotContain("DetachRolePolicy", proxy.Actions());
            foreach (var name in names)
            {
                Assert.Contains(Core, await AttachedAsync(name));
            }
        }

        [Theory]
        [InlineData(null, false)]
        [InlineData("Yes", true)]
        public async Task At_a_console_the_question_defaults_to_No_and_only_a_yes_detaches(string? answer, bool detached)
        {
            var name = await NewRoleAsync("console");
            var host = new RecordingHost { Answer = answer };
            using var runspace = OpenRunspace(host);
            using var shell = Command(runspace, "Remove-SsmHybridRolePolicy").AddParameter("RoleName", name).AddParameter("Policy", new[] { "ManagedInstanceCore" });

            shell.Invoke();

            Assert.False(shell.HadErrors, string.Join("; ", shell.Streams.Error.Select(e => e.ToString())));
            var question = Assert.Single(host.Questions);
            Assert.Contains("AmazonSSMManagedInstanceCore", question.Message, StringComparison.Ordinal);
            Assert.Equal("No", question.Choices[question.Default]);
            Assert.Equal(detached, proxy.Actions().Contains("DetachRolePolicy"));
            Assert.Equal(!detached, (await AttachedAsync(name)).Contains(Core));
        }

        [Fact]
        public async Task With_Force_a_typed_Confirm_still_asks_once_and_the_question_about_the_core_policy_is_skipped()
        {
            var name = await NewRoleAsync("forceconfirm");
            var host = new RecordingHost { Answer = "Yes" };
            using var runspace = OpenRunspace(host);
            using var shell = Command(runspace, "Remove-SsmHybridRolePolicy").AddParameter("RoleName", name).AddParameter("Policy", new[] { "ManagedInstanceCore" })
                .AddParameter("Force").AddParameter("Confirm");

            shell.Invoke();

            Assert.False(shell.HadErrors, string.Join("; ", shell.Streams.Error.Select(e => e.ToString())));
            var question = Assert.Single(host.Questions);
            Assert.Contains("Detach AmazonSSMManagedInstanceCore", question.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("stops Systems Manager", question.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(Core, await AttachedAsync(name));
        }

        [Fact]
        public async Task Yes_to_All_to_the_ordinary_question_does_not_answer_the_question_about_the_core_policy()
        {
            var names = new[] { await NewRoleAsync("yestoall-a"), await NewRoleAsync("yestoall-b") };
            var host = new RecordingHost { Answer = "Yes to All" };
            using var runspace = OpenRunspace(host);
            using var shell = Command(runspace, "Remove-SsmHybridRolePolicy").AddParameter("Policy", new[] { "ManagedInstanceCore" }).AddParameter("Confirm");

            shell.Invoke(names);

            Assert.False(shell.HadErrors, string.Join("; ", shell.Streams.Error.Select(e => e.ToString())));
            Assert.Equal(2, host.Questions.Count);
            Assert.Contains($"Detach AmazonSSMManagedInstanceCore", host.Questions[0].Message, StringComparison.Ordinal);
            Assert.Contains("stops Systems Manager", host.Questions[1].Message, StringComparison.Ordinal);
            foreach (var name in names)
            {
                Assert.DoesNotContain(Core, await AttachedAsync(name));
            }
        }

        [Fact]
        public async Task Stopping_a_removal_part_way_tells_which_policies_are_gone_what_remains_and_the_command_that_finishes()
        {
            var name = await NewRoleAsync("stopped-removal");
            proxy.AddFault("ListRolePolicies", "delay", times: 1, seconds: 30);
            var host = new RecordingHost();
            using var runspace = OpenRunspace(host);
            using var shell = Command(runspace, "Remove-SsmHybridServiceRole").AddParameter("RoleName", new[] { name }).AddParameter("Force");

            var running = shell.BeginInvoke();
            await WaitUntilAsync(() => proxy.Actions().Contains("ListRolePolicies"));
            shell.Stop();

            Assert.Equal(PSInvocationState.Stopped, shell.InvocationStateInfo.State);
            Assert.Equal(2, proxy.Actions().Count(a => a == "DetachRolePolicy"));
            Assert.Empty(await AttachedAsync(name));
            // A stopped command writes no more to its streams: the warning reaches the user through the host's interface.
            var warning = Assert.Single(host.Warnings, w => w.Contains($"Removing role '{name}' stopped part-way", StringComparison.Ordinal));
            Assert.Contains("detached 'AmazonSSMManagedInstanceCore'", warning, StringComparison.Ordinal);
            Assert.Contains("detached 'CloudWatchAgentServerPolicy'", warning, StringComparison.Ordinal);
            Assert.Contains($"Still in the account: role '{name}'", warning, StringComparison.Ordinal);
            Assert.Contains($"Remove-SsmHybridServiceRole -RoleName {name} -Force", warning, StringComparison.Ordinal);
        }

        [Fact]
        public async Task Stopping_a_creation_tells_what_the_undo_removed()
        {
            var name = MotoFixture.UniqueName("stopped-creation");
            proxy.AddFault("AttachRolePolicy", "delay", times: 1, seconds: 30);
            var host = new RecordingHost();
            using var runspace = OpenRunspace(host);
            using var shell = Command(runspace, "New-SsmHybridServiceRole")
                .AddParameter("RoleName", name)
                .AddParameter("Policy", new[] { "CloudWatchAgentServer" })
                .AddParameter("AccountId", "123456789012");

            var running = shell.BeginInvoke();
            await WaitUntilAsync(() => proxy.Actions().Contains("AttachRolePolicy"));
            shell.Stop();

            Assert.Equal(PSInvocationState.Stopped, shell.InvocationStateInfo.State);
            Assert.Contains("DeleteRole", proxy.Actions());
            var warning = Assert.Single(host.Warnings, w => w.Contains($"Creating role '{name}' stopped part-way", StringComparison.Ordinal));
            Assert.Contains($"deleted role '{name}'", warning, StringComparison.Ordinal);
        }

        private static Runspace OpenRunspace(PSHost? host)
        {
            var state = InitialSessionState.CreateDefault2();
            state.Commands.Add(new SessionStateCmdletEntry("New-SsmHybridServiceRole", typeof(NewSsmHybridServiceRoleCommand), null));
            state.Commands.Add(new SessionStateCmdletEntry("Remove-SsmHybridRolePolicy", typeof(RemoveSsmHybridRolePolicyCommand), null));
            state.Commands.Add(new SessionStateCmdletEntry("Remove-SsmHybridServiceRole", typeof(RemoveSsmHybridServiceRoleCommand), null));
            var runspace = host is null ? RunspaceFactory.CreateRunspace(state) : RunspaceFactory.CreateRunspace(host, state);
            runspace.Open();
            return runspace;
        }

        private PowerShell Command(Runspace runspace, string name)
        {
            var shell = PowerShell.Create();
            shell.Runspace = runspace;
            return shell.AddCommand(name)
                .AddParameter("Region", "us-east-2")
                .AddParameter("AccessKey", "AKIAIOSFODNN7EXAMPLE")
                .AddParameter("SecretKey", "hosted-test-secret")
                .AddParameter("EndpointUrl", proxy.Url);
        }

        /// <summary>A role with AmazonSSMManagedInstanceCore and CloudWatchAgentServerPolicy, made straight at moto.</summary>
        private async Task<string> NewRoleAsync(string prefix)
        {
            var name = MotoFixture.UniqueName(prefix);
            var spec = new HybridRoleSpec { RoleName = name, PolicyNames = new[] { "CloudWatchAgentServer" } }.Validate(moto.Connection.Partition, moto.Connection.Region);
            await new HybridRoleService(moto.Connection, SilentReporter.Instance).CreateAsync(spec, CancellationToken.None);
            return name;
        }

        private async Task<string[]> AttachedAsync(string name)
            => (await moto.Iam.ListAttachedRolePoliciesAsync(new ListAttachedRolePoliciesRequest { RoleName = name })).AttachedPolicies.Select(p => p.PolicyArn).ToArray();

        private static async Task WaitUntilAsync(Func<bool> condition)
        {
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (!condition() && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }

            Assert.True(condition(), "the awaited request never came");
        }
    }
}
