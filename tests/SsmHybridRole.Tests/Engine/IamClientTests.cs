using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SsmHybridRole.Engine.Iam;
using SsmHybridRole.Engine.Iam.Model;
using SsmHybridRole.Engine.Policies;
using SsmHybridRole.Engine.Aws;
using SsmHybridRole.Engine.Templates;
using SsmHybridRole.Engine.Validation;
using Xunit;

namespace SsmHybridRole.Tests.Engine
{
    /// <summary>The IAM client against a real IAM endpoint (moto): operations, typed errors, pagination.</summary>
    [Collection("moto")]
    public class IamClientTests : IClassFixture<MotoFixture>
    {
        private const string Trust = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ssm.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
        private readonly MotoFixture moto;

        public IamClientTests(MotoFixture moto) => this.moto = moto;

        [Fact]
        public async Task CreateRole_returns_the_role_and_GetRole_reads_it_back_with_tags_and_encoded_trust()
        {
            using var iam = moto.NewClient();
            var name = MotoFixture.UniqueName("client-create");

            var created = await iam.CreateRoleAsync(new CreateRoleRequest
            {
                RoleName = name,
                AssumeRolePolicyDocument = Trust,
                Path = "/hybrid/",
                Description = "test role",
                MaxSessionDuration = 7200,
                Tags = { new Tag { Key = "team", Value = "ops" } },
            });
            var read = await iam.GetRoleAsync(new GetRoleRequest { RoleName = name });

            Assert.Equal(name, created.Role.RoleName);
            Assert.StartsWith("arn:aws:iam::", created.Role.Arn, StringComparison.Ordinal);
            Assert.EndsWith(":role/hybrid/" + name, created.Role.Arn, StringComparison.Ordinal);
            Assert.StartsWith("AROA", read.Role.RoleId, StringComparison.Ordinal);
            Assert.Equal("/hybrid/", read.Role.Path);
            Assert.Equal("test role", read.Role.Description);
            Assert.Equal(7200, read.Role.MaxSessionDuration);
            Assert.NotNull(read.Role.CreateDate);
            Assert.Equal("ops", read.Role.Tags.Single(t => t.Key == "team").Value);
            Assert.True(TrustPolicy.Analyze(read.Role.AssumeRolePolicyDocument).AllowsSsmAssumeRole);
            Assert.False(string.IsNullOrEmpty(read.ResponseMetadata.RequestId));
        }

        [Fact]
        public async Task Errors_arrive_as_typed_exceptions_with_IAMs_code()
        {
            using var iam = moto.NewClient();
            var name = MotoFixture.UniqueName("client-errors");
            await iam.CreateRoleAsync(new CreateRoleRequest { RoleName = name, AssumeRolePolicyDocument = Trust });

            var exists = await Assert.ThrowsAsync<EntityAlreadyExistsException>(() => iam.CreateRoleAsync(new CreateRoleRequest { RoleName = name, AssumeRolePolicyDocument = Trust }));
            var missing = await Assert.ThrowsAsync<NoSuchEntityException>(() => iam.GetRoleAsync(new GetRoleRequest { RoleName = name + "-missing" }));
            var badPolicy = await Assert.ThrowsAsync<NoSuchEntityException>(() => iam.AttachRolePolicyAsync(new AttachRolePolicyRequest { RoleName = name, PolicyArn = "arn:aws:iam::aws:policy/NoSuchPolicyAnywhere" }));

            Assert.Equal("EntityAlreadyExists", exists.ErrorCode);
            Assert.Equal("NoSuchEntity", missing.ErrorCode);
            Assert.Equal(System.Net.HttpStatusCode.NotFound, missing.StatusCode);
            Assert.Contains("polic", badPolicy.Message, StringComparison.OrdinalIgnoreCase);
        }

        [Fact]
        public async Task Managed_policies_attach_list_and_detach()
        {
            using var iam = moto.NewClient();
            var name = MotoFixture.UniqueName("client-attach");
            await iam.CreateRoleAsync(new CreateRoleRequest { RoleName = name, AssumeRolePolicyDocument = Trust });
            var core = ManagedPolicyCatalog.ManagedInstanceCore.ArnIn(AwsPartition.Aws);

            await iam.AttachRolePolicyAsync(new AttachRolePolicyRequest { RoleName = name, PolicyArn = core });
            var attached = await iam.ListAllAttachedRolePoliciesAsync(name, CancellationToken.None);
            await iam.DetachRolePolicyAsync(new DetachRolePolicyRequest { RoleName = name, PolicyArn = core });
            var afterDetach = await iam.ListAllAttachedRolePoliciesAsync(name, CancellationToken.None);

            Assert.Equal("AmazonSSMManagedInstanceCore", Assert.Single(attached).PolicyName);
            Assert.Empty(afterDetach);
        }

        [Fact]
        public async Task ListRoles_pagination_follows_Marker_through_every_page()
        {
            using var iam = moto.NewClient();
            var prefix = "/paged-" + Environment.ProcessId + "/";
            var names = Enumerable.Range(0, 5).Select(i => MotoFixture.UniqueName("paged")).ToList();
            foreach (var name in names)
            {
                await iam.CreateRoleAsync(new CreateRoleRequest { RoleName = name, AssumeRolePolicyDocument = Trust, Path = prefix });
            }

            var pages = 0;
            var seen = new System.Collections.Generic.List<string>();
            await IdentityManagementServicePaginators.ForEachPageAsync<ListRolesRequest, ListRolesResponse, Role>(
                new ListRolesRequest { PathPrefix = prefix, MaxItems = 2 },
                iam.ListRolesAsync,
                page => { pages++; seen.AddRange(page.Select(r => r.RoleName)); },
                CancellationToken.None);

            Assert.Equal(3, pages);
            Assert.Equal(names.OrderBy(n => n, StringComparer.Ordinal), seen.OrderBy(n => n, StringComparer.Ordinal));
        }

        [Fact]
        public async Task Account_summary_reports_the_attached_policies_quota()
        {
            using var iam = moto.NewClient();

            var summary = await iam.GetAccountSummaryAsync(new GetAccountSummaryRequest());

            Assert.Equal(10, summary.SummaryMap["AttachedPoliciesPerRoleQuota"]);
        }

        [Fact]
        public async Task Customer_managed_policies_are_created_and_read()
        {
            using var iam = moto.NewClient();
            var name = MotoFixture.UniqueName("client-policy");
            var document = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::aws-ssm-us-east-2/*\"}]}";

            var created = await iam.CreatePolicyAsync(new CreatePolicyRequest { PolicyName = name, PolicyDocument = document, Description = "test" });
            var read = await iam.GetPolicyAsync(new GetPolicyRequest { PolicyArn = created.Policy.Arn });

            Assert.Equal(name, read.Policy.PolicyName);
            Assert.Matches(@"^arn:aws:iam::\d{12}:policy/" + name + "$", created.Policy.Arn);
            Assert.Equal("v1", read.Policy.DefaultVersionId);
        }

        [Fact]
        public async Task UpdateRole_UpdateAssumeRolePolicy_and_TagRole_change_what_GetRole_and_ListRoleTags_read()
        {
            using var iam = moto.NewClient();
            var name = MotoFixture.UniqueName("client-update");
            await iam.CreateRoleAsync(new CreateRoleRequest { RoleName = name, AssumeRolePolicyDocument = Trust });
            var conditioned = TrustPolicy.Build(AwsPartition.Aws, "123456789012", new[] { "eu-west-1" }, false);

            await iam.UpdateRoleAsync(new UpdateRoleRequest { RoleName = name, Description = "updated", MaxSessionDuration = 10800 });
            await iam.UpdateAssumeRolePolicyAsync(new UpdateAssumeRolePolicyRequest { RoleName = name, PolicyDocument = conditioned });
            await iam.TagRoleAsync(new TagRoleRequest { RoleName = name, Tags = { new Tag { Key = "a", Value = "1" }, new Tag { Key = "b", Value = "2" } } });
            var role = (await iam.GetRoleAsync(new GetRoleRequest { RoleName = name })).Role;
            var tags = await IdentityManagementServicePaginators.ListAllAsync<ListRoleTagsRequest, ListRoleTagsResponse, Tag>(new ListRoleTagsRequest { RoleName = name, MaxItems = 1 }, iam.ListRoleTagsAsync, CancellationToken.None);

            Assert.Equal("updated", role.Description);
            Assert.Equal(10800, role.MaxSessionDuration);
            Assert.Equal(new[] { "arn:aws:ssm:eu-west-1:123456789012:*" }, TrustPolicy.Analyze(role.AssumeRolePolicyDocument).SourceArns);
            Assert.Equal(new[] { "a=1", "b=2" }, tags.Select(t => t.Key + "=" + t.Value).OrderBy(t => t, StringComparer.Ordinal));
        }

        [Fact]
        public async Task A_cancelled_token_stops_the_call()
        {
            using var iam = moto.NewClient();
            using var cancelled = new CancellationTokenSource();
            await cancelled.CancelAsync();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => iam.GetAccountSummaryAsync(new GetAccountSummaryRequest(), cancelled.Token));
        }
    }
}
