using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SsmHybridRole.Engine.Errors;
using SsmHybridRole.Engine.Iam.Model;
using SsmHybridRole.Engine.Policies;
using SsmHybridRole.Engine.Roles;
using SsmHybridRole.Engine.Aws;
using SsmHybridRole.Engine.Consistency;
using SsmHybridRole.Engine.Reporting;
using SsmHybridRole.Engine.Templates;
using SsmHybridRole.Engine.Validation;
using Xunit;

namespace SsmHybridRole.Tests.Engine
{
    /// <summary>The role service, the layer every cmdlet calls, against moto.</summary>
    [Collection("moto")]
    public class HybridRoleServiceTests : IClassFixture<MotoFixture>
    {
        private readonly MotoFixture moto;
        private readonly RecordingReporter reporter = new RecordingReporter();

        public HybridRoleServiceTests(MotoFixture moto) => this.moto = moto;

        private HybridRoleService Service => new HybridRoleService(moto.Connection, reporter);

        private ValidatedRoleSpec Spec(string name, params string[] policies)
            => new HybridRoleSpec { RoleName = name, PolicyNames = policies }.Validate(moto.Connection.Partition, moto.Connection.Region);

        [Fact]
        public async Task Create_makes_the_role_with_current_trust_and_the_required_policy_first()
        {
            var name = MotoFixture.UniqueName("svc-create");

            var role = await Service.CreateAsync(Spec(name, "DirectoryServiceAccess", "CloudWatchAgentServer"), CancellationToken.None);

            var account = await moto.Connection.GetAccountIdAsync(CancellationToken.None);
            Assert.Equal(name, role.RoleName);
            Assert.True(role.Trust.AllowsSsmAssumeRole);
            Assert.Equal(new[] { account }, role.Trust.SourceAccounts);
            Assert.Equal(new[] { $"arn:aws:ssm:us-east-2:{account}:*" }, role.Trust.SourceArns);
            Assert.Equal(
                new[] { "AmazonSSMManagedInstanceCore", "AmazonSSMDirectoryServiceAccess", "CloudWatchAgentServerPolicy" },
                role.AttachedPolicies.Select(p => p.PolicyName));

            var readBack = await Service.GetAsync(name, CancellationToken.None);
            Assert.Equal(role.AttachedPolicies.Select(p => p.PolicyArn).OrderBy(a => a), readBack.AttachedPolicies.Select(p => p.PolicyArn).OrderBy(a => a));
            Assert.Equal(role.Trust.SourceArns, readBack.Trust.SourceArns);
        }

        [Fact]
        public async Task Create_of_an_existing_role_is_RoleAlreadyExists_and_changes_nothing()
        {
            var name = MotoFixture.UniqueName("svc-exists");
            await Service.CreateAsync(Spec(name), CancellationToken.None);

            var error = await Assert.ThrowsAsync<ServiceCallException>(() => Service.CreateAsync(Spec(name, "CloudWatchAgentServer"), CancellationToken.None));

            Assert.Equal("RoleAlreadyExists", error.ErrorId);
            Assert.Equal(FailureKind.AlreadyExists, error.Kind);
            Assert.Contains("Add-SsmHybridRolePolicy", SsmHybridRole.Wording.Advice.For(error, "New-SsmHybridServiceRole"), StringComparison.Ordinal);
            var role = await Service.GetAsync(name, CancellationToken.None);
            Assert.Equal("AmazonSSMManagedInstanceCore", Assert.Single(role.AttachedPolicies).PolicyName);
        }

        [Fact]
        public async Task A_failure_after_CreateRole_removes_what_was_made_and_reports_the_original_error()
        {
            var name = MotoFixture.UniqueName("svc-rollback");
            var spec = new HybridRoleSpec
            {
                RoleName = name,
                PolicyNames = new[] { "CloudWatchAgentServer" },
                PolicyArns = new[] { "arn:aws:iam::123456789012:policy/DoesNotExist" },
            }.Validate(AwsPartition.Aws, "us-east-2");

            var error = await Assert.ThrowsAsync<ServiceCallException>(() => Service.CreateAsync(spec, CancellationToken.None));

            Assert.Equal("PolicyNotFound", error.ErrorId);
            Assert.Equal("arn:aws:iam::123456789012:policy/DoesNotExist", error.Target);
            Assert.Contains(reporter.Warnings, w => w.Contains("removed again", StringComparison.Ordinal));
            await Assert.ThrowsAsync<NoSuchEntityException>(() => moto.Iam.GetRoleAsync(new GetRoleRequest { RoleName = name }));
        }

        [Fact]
        public async Task Attach_skips_what_is_attached_and_Detach_skips_what_is_not()
        {
            var name = MotoFixture.UniqueName("svc-attach");
            await Service.CreateAsync(Spec(name), CancellationToken.None);
            var core = ManagedPolicyCatalog.ManagedInstanceCore.ArnIn(AwsPartition.Aws);
            var cloudWatch = ManagedPolicyCatalog.CloudWatchAgentServer.ArnIn(AwsPartition.Aws);

            var afterAttach = await Service.AttachAsync(name, new[] { core, cloudWatch }, readBack: true, CancellationToken.None);
            var afterDetach = await Service.DetachAsync(name, new[] { cloudWatch, ManagedPolicyCatalog.DirectoryServiceAccess.ArnIn(AwsPartition.Aws) }, readBack: true, CancellationToken.None);

            Assert.Equal(2, afterAttach!.AttachedPolicies.Count);
            Assert.Contains(reporter.VerboseLines, v => v.Contains("AmazonSSMManagedInstanceCore' is already attached", StringComparison.Ordinal));
            // Detaching what is not attached (a typo) is no silent success: a warning names the role, the policy and what is attached.
            Assert.Contains(reporter.Warnings, w => w.Contains($"AmazonSSMDirectoryServiceAccess' is not attached to role '{name}'", StringComparison.Ordinal) && w.Contains("attached are: AmazonSSMManagedInstanceCore; CloudWatchAgentServerPolicy", StringComparison.Ordinal));
            Assert.Equal("AmazonSSMManagedInstanceCore", Assert.Single(afterDetach!.AttachedPolicies).PolicyName);
        }

        [Fact]
        public async Task Attach_to_a_role_that_does_not_exist_is_RoleNotFound_at_once()
        {
            var started = DateTime.UtcNow;

            var error = await Assert.ThrowsAsync<ServiceCallException>(() => Service.AttachAsync("no-such-role-" + Environment.ProcessId, new[] { ManagedPolicyCatalog.CloudWatchAgentServer.ArnIn(AwsPartition.Aws) }, false, CancellationToken.None));

            Assert.Equal("RoleNotFound", error.ErrorId);
            Assert.Equal(FailureKind.NotFound, error.Kind);
            Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10), "a role this process never created is not waited for");
        }

        [Fact]
        public async Task Remove_takes_the_role_out_of_instance_profiles_and_deletes_inline_policies_first()
        {
            var name = MotoFixture.UniqueName("svc-remove");
            await Service.CreateAsync(Spec(name, "CloudWatchAgentServer"), CancellationToken.None);
            await moto.Iam.CreateInstanceProfileAsync(new CreateInstanceProfileRequest { InstanceProfileName = name + "-profile" });
            await moto.Iam.AddRoleToInstanceProfileAsync(new AddRoleToInstanceProfileRequest { InstanceProfileName = name + "-profile", RoleName = name });
            await moto.Iam.PutRolePolicyAsync(new PutRolePolicyRequest { RoleName = name, PolicyName = "inline", PolicyDocument = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:ListBucket\",\"Resource\":\"*\"}]}" });

            await Service.RemoveAsync(name, CancellationToken.None);

            await Assert.ThrowsAsync<NoSuchEntityException>(() => moto.Iam.GetRoleAsync(new GetRoleRequest { RoleName = name }));
            Assert.Contains(reporter.VerboseLines, v => v.StartsWith("iam:RemoveRoleFromInstanceProfile", StringComparison.Ordinal));
            Assert.Contains(reporter.VerboseLines, v => v.StartsWith("iam:DeleteRolePolicy 'inline'", StringComparison.Ordinal));
        }

        [Fact]
        public async Task Remove_of_a_missing_role_is_RoleNotFound()
        {
            var error = await Assert.ThrowsAsync<ServiceCallException>(() => Service.RemoveAsync("gone-" + Environment.ProcessId, CancellationToken.None));
            Assert.Equal("RoleNotFound", error.ErrorId);
        }

        [Fact]
        public async Task List_returns_only_roles_whose_trust_lets_SSM_assume_them()
        {
            var ssm = MotoFixture.UniqueName("svc-list-ssm");
            var ec2 = MotoFixture.UniqueName("svc-list-ec2");
            await Service.CreateAsync(Spec(ssm), CancellationToken.None);
            await moto.Iam.CreateRoleAsync(new CreateRoleRequest
            {
                RoleName = ec2,
                AssumeRolePolicyDocument = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}",
            });

            var found = new List<HybridRole>();
            await new RoleReader(moto.Connection, reporter).ListAsync(n => n.StartsWith("svc-list-", StringComparison.Ordinal), requireSsmTrust: true, hybridOnly: false, found.Add, CancellationToken.None);

            Assert.Contains(found, r => r.RoleName == ssm);
            Assert.DoesNotContain(found, r => r.RoleName == ec2);
            Assert.All(found, r => Assert.NotEmpty(r.AttachedPolicies));
        }

        private sealed class RecordingReporter : IOperationReporter
        {
            public ConcurrentQueue<string> VerboseLines { get; } = new ConcurrentQueue<string>();

            public ConcurrentQueue<string> Warnings { get; } = new ConcurrentQueue<string>();

            public void Verbose(string message) => VerboseLines.Enqueue(message);

            public void Warning(string message) => Warnings.Enqueue(message);

            public void Unfinished(string message, string errorId, object? target) => Warnings.Enqueue(message);

            public void Progress(OperationProgress progress)
            {
            }
        }
    }
}
