using System;
using SsmHybridRole.Engine.Errors;
using SsmHybridRole.Engine.Validation;
using SsmHybridRole.Wording;
using Xunit;

namespace SsmHybridRole.Tests.Unit
{
    /// <summary>Systems Manager's id rules, and the registration commands built only from values that pass them.</summary>
    public class SsmInputRulesTests
    {
        private const string Id = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
        private const string Code = "Ab12cd34EF56gh78IJ+/=";

        [Theory]
        [InlineData("mi-0123456789abcdef0")]
        [InlineData("mi-ffffffffffffffff0")]
        public void A_managed_node_id_is_mi_and_17_hex_digits(string id) => SsmInputRules.ManagedNodeId(id);

        [Theory]
        [InlineData("i-0123456789abcdef0")]
        [InlineData("mi-0123456789abcdef")]
        [InlineData("mi-0123456789ABCDEF0")]
        [InlineData("mi-0123456789abcdef0\n")]
        [InlineData(" mi-0123456789abcdef0")]
        [InlineData("")]
        public void Anything_else_is_refused_naming_the_parameter_and_the_rule(string id)
        {
            var e = Assert.Throws<InvalidParameterException>(() => SsmInputRules.ManagedNodeId(id));

            Assert.Equal(ErrorIds.InvalidManagedNodeId, e.ErrorId);
            Assert.Equal("InstanceId", e.ParameterName);
            Assert.Contains("17 lower-case hexadecimal digits", e.Rule, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("0F1E2D3C-4B5A-6978-8796-A5B4C3D2E1F0")]
        [InlineData("0f1e2d3c4b5a69788796a5b4c3d2e1f0")]
        [InlineData(Id + "\n")]
        [InlineData("{" + Id + "}")]
        public void An_activation_id_is_a_lower_case_guid(string id)
            => Assert.Equal(ErrorIds.InvalidActivationId, Assert.Throws<InvalidParameterException>(() => SsmInputRules.ActivationId(id)).ErrorId);

        [Theory]
        [InlineData("SSMServiceRole", null, "SSMServiceRole")]
        [InlineData("SSMServiceRole", "/", "SSMServiceRole")]
        [InlineData("SSMServiceRole", "/hybrid/", "hybrid/SSMServiceRole")]
        [InlineData("service-role/AmazonEC2RunCommandRoleForManagedInstances", null, "service-role/AmazonEC2RunCommandRoleForManagedInstances")]
        [InlineData("/a/b/Role", null, "a/b/Role")]
        public void The_role_is_named_as_SSM_expects_it(string name, string? path, string expected)
            => Assert.Equal(expected, SsmInputRules.SsmRoleName(name, path));

        [Fact]
        public void The_registration_commands_quote_every_value_and_refuse_what_could_escape_the_quotes()
        {
            var linux = RegistrationCommands.For(RegistrationPlatform.Linux, Id, Code, "eu-west-1");
            var windows = RegistrationCommands.For(RegistrationPlatform.Windows, Id, Code, "cn-north-1");

            Assert.Contains($"-register -code '{Code}' -id '{Id}' -region 'eu-west-1'", linux, StringComparison.Ordinal);
            Assert.Contains($"$code = '{Code}'", windows, StringComparison.Ordinal);
            Assert.Contains("https://amazon-ssm-cn-north-1.s3.cn-north-1.amazonaws.com.cn/latest/windows_amd64/AmazonSSMAgentSetup.exe", windows, StringComparison.Ordinal);

            var badCode = Assert.Throws<InvalidParameterException>(() => RegistrationCommands.For(RegistrationPlatform.Linux, Id, "abcdefghij'$(reboot)'klmnop", "us-east-2"));
            Assert.Equal(ErrorIds.InvalidActivationCode, badCode.ErrorId);
            Assert.DoesNotContain("reboot", badCode.Message, StringComparison.Ordinal);
            Assert.Equal(ErrorIds.InvalidActivationId, Assert.Throws<InvalidParameterException>(() => RegistrationCommands.For(RegistrationPlatform.Windows, Id + "'; Remove-Item C:\\", Code, "us-east-2")).ErrorId);
            Assert.Equal(ErrorIds.InvalidRegion, Assert.Throws<InvalidParameterException>(() => RegistrationCommands.For(RegistrationPlatform.Linux, Id, Code, "us-east-2`; rm -rf /")).ErrorId);
        }
    }
}
