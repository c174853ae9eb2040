using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Reflection;
using System.Text.RegularExpressions;
using Amazon.Runtime;
using SsmHybridRole.Commands;
using SsmHybridRole.Engine.Aws;
using SsmHybridRole.Engine.Errors;
using SsmHybridRole.Engine.Gateway;
using SsmHybridRole.Engine.Iam.Model;
using SsmHybridRole.Engine.Policies;
using SsmHybridRole.Engine.Validation;
using SsmHybridRole.Infrastructure;
using SsmHybridRole.Wording;
using Xunit;

namespace SsmHybridRole.Tests.Unit
{
    /// <summary>
    /// The messages a user reads: a refused value is named, or said to be missing or empty (never "(null)" or empty
    /// quotes); and the advice under an error fits the cmdlet that met it, naming only commands and parameters that exist.
    /// </summary>
    public class MessageTests
    {
        /// <summary>Every input rule, by label, fed one value.</summary>
        private static readonly Dictionary<string, Action<string?>> Refusals = new Dictionary<string, Action<string?>>
        {
            ["RoleName"] = v => InputRules.RoleName(v),
            ["PolicyName"] = v => InputRules.PolicyName(v),
            ["Path"] = v => InputRules.Path(v),
            ["Description"] = v => InputRules.Description(v),
            ["tag key"] = v => InputRules.Tags(new Dictionary<string, string> { [v!] = "x" }),
            ["tag value"] = v => InputRules.Tags(new Dictionary<string, string> { ["team"] = v! }),
            ["PolicyArn"] = v => InputRules.PolicyArn(v, AwsPartition.Aws),
            ["AccountId"] = v => InputRules.AccountId(v),
            ["ActivationRegion"] = v => InputRules.ActivationRegion(v, AwsPartition.Aws),
            ["Region"] = v => InputRules.Region(v),
            ["EndpointUrl"] = v => InputRules.EndpointUrl(v!),
            ["trust policy"] = v => TrustPolicy.Validate(v, AwsPartition.Aws, 2048, "AssumeRolePolicyDocument"),
            ["InstanceId"] = v => SsmInputRules.ManagedNodeId(v),
            ["ActivationId"] = v => SsmInputRules.ActivationId(v),
        };

        public static IEnumerable<object?[]> MissingOrEmptyValues()
        {
            foreach (var rule in new[] { "RoleName", "PolicyName", "Path", "Description", "tag value", "PolicyArn", "AccountId", "ActivationRegion", "Region", "trust policy", "InstanceId", "ActivationId" })
            {
                yield return new object?[] { rule, null, "is missing" };
            }

            foreach (var rule in new[] { "RoleName", "PolicyName", "Path", "tag key", "PolicyArn", "AccountId", "ActivationRegion", "Region", "EndpointUrl", "trust policy", "InstanceId", "ActivationId" })
            {
                yield return new object?[] { rule, string.Empty, "is empty" };
            }

            foreach (var rule in new[] { "RoleName", "AccountId", "Region", "InstanceId" })
            {
                yield return new object?[] { rule, "   ", "'   ' (white space only)" };
            }
        }

        [Theory]
        [MemberData(nameof(MissingOrEmptyValues))]
        public void A_refused_value_that_is_missing_or_empty_is_said_to_be_so(string rule, string? value, string said)
        {
            var refusal = Assert.Throws<InvalidParameterException>(() => Refusals[rule](value));
            var shown = ErrorRecords.From(refusal, "New-SsmHybridServiceRole").Exception.Message;

            foreach (var message in new[] { refusal.Message, shown })
            {
                Assert.DoesNotContain("(null)", message, StringComparison.Ordinal);
                Assert.DoesNotContain("''", message, StringComparison.Ordinal);
                Assert.Contains(refusal.ParameterName + " " + said, message, StringComparison.Ordinal);
            }

            Assert.StartsWith("-" + refusal.ParameterName, shown, StringComparison.Ordinal);
        }

        [Fact]
        public void A_refused_value_that_was_given_is_named_even_a_whole_document()
        {
            var refusal = Assert.Throws<InvalidParameterException>(() => TrustPolicy.Validate("{\"Version\":\"2012-10-17\"", AwsPartition.Aws, 2048, "AssumeRolePolicyDocument"));

            Assert.Contains("-AssumeRolePolicyDocument '{\"Version\":\"2012-10-17\"' is not valid", ErrorRecords.From(refusal, "New-SsmHybridServiceRole").Exception.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void A_service_error_without_a_role_name_or_a_message_says_so_instead_of_quoting_nothing()
        {
            var notFound = ServiceErrorTranslator.Translate(new NoSuchEntityException(string.Empty, null, ErrorType.Sender, "NoSuchEntity", null, HttpStatusCode.NotFound), "iam:GetRole", CallTarget.None);
            var failed = ServiceErrorTranslator.Translate(new AmazonServiceException(string.Empty, null, ErrorType.Receiver, "InternalFailure", null, HttpStatusCode.InternalServerError), "ssm:DescribeActivations", CallTarget.None);

            Assert.Equal("The IAM role the request named does not exist in this account.", notFound.Message);
            Assert.Equal("ssm:DescribeActivations failed (InternalFailure): the service gave no reason", failed.Message);
        }

        /// <summary>
        /// Each error id with each cmdlet that can meet it, what its advice must say and must not. Every id that has
        /// advice of its own is in the table (checked below), and each row's advice names only real parameters.
        /// </summary>
        public static IEnumerable<object[]> AdviceTable() => new[]
        {
            Row(ErrorIds.RoleNotFound, "Add-SsmHybridRolePolicy", "New-SsmHybridServiceRole"),
            Row(ErrorIds.RoleNotFound, "Get-SsmHybridServiceRole", "New-SsmHybridServiceRole"),
            Row(ErrorIds.RoleNotFound, "Test-SsmHybridServiceRole", "New-SsmHybridServiceRole"),
            Row(ErrorIds.RoleNotFound, "Remove-SsmHybridServiceRole", "Get-SsmHybridServiceRole", "New-SsmHybridServiceRole"),
            Row(ErrorIds.RoleNotFound, "Remove-SsmHybridRolePolicy", "Get-SsmHybridServiceRole", "New-SsmHybridServiceRole"),
            Row(ErrorIds.RoleNotFound, "Set-SsmHybridServiceRole", "Set-SsmHybridServiceRole", "New-SsmHybridServiceRole"),
            Row(ErrorIds.RoleAlreadyExists, "New-SsmHybridServiceRole", "Add-SsmHybridRolePolicy -RoleName ops-role"),
            Row(ErrorIds.RoleCreationIncomplete, "New-SsmHybridServiceRole", "Remove-SsmHybridServiceRole -RoleName ops-role -Force"),
            Row(ErrorIds.RoleCreationIncomplete, "Set-SsmHybridServiceRole", "Remove-SsmHybridServiceRole -RoleName ops-role -Force"),
            Row(ErrorIds.RoleRemovalIncomplete, "Remove-SsmHybridServiceRole", "Remove-SsmHybridServiceRole -RoleName ops-role -Force"),
            Row(ErrorIds.ConvergenceIncomplete, "Set-SsmHybridServiceRole", "Set-SsmHybridServiceRole"),
            Row(ErrorIds.RoleNotVisibleToSsm, "New-SsmHybridActivation", "Test-SsmHybridServiceRole -RoleName ops-role"),
            Row(ErrorIds.RoleNotVisibleToSsm, "Set-SsmHybridManagedNode", "Test-SsmHybridServiceRole -RoleName ops-role"),
            Row(ErrorIds.NotAHybridServiceRole, "Remove-SsmHybridServiceRole", "-Force"),
            Row(ErrorIds.RoleInUse, "Remove-SsmHybridServiceRole", "Set-SsmHybridManagedNode"),
            Row(ErrorIds.RoleInOtherAccount, "Add-SsmHybridRolePolicy", "Set-SsmHybridServiceRole -AccountId"),
            Row(ErrorIds.RoleInOtherAccount, "Get-SsmHybridManagedNode", "-ProfileName"),
            Row(ErrorIds.RegionRequired, "New-SsmHybridServiceRole", "-ActivationRegion"),
            Row(ErrorIds.RegionRequired, "Set-SsmHybridServiceRole", "-ActivationRegion"),
            Row(ErrorIds.RegionRequired, "Test-SsmHybridServiceRole", "-ActivationRegion"),
            Row(ErrorIds.RegionRequired, "New-SsmHybridTrustPolicy", "-ActivationRegion", "-Region,"),
            Row(ErrorIds.RegionRequired, "New-SsmHybridActivation", "-Region", "-ActivationRegion"),
            Row(ErrorIds.RegionRequired, "Get-SsmHybridActivation", "-Region", "-ActivationRegion"),
            Row(ErrorIds.RegionRequired, "New-SsmHybridS3BucketPolicy", "-Region", "-ActivationRegion"),
            Row(ErrorIds.ProfileNotFound, "Get-SsmHybridServiceRole", "-ProfileLocation"),
            Row(ErrorIds.ProfileHasNoCredentials, "Set-SsmHybridServiceRole", "-ProfileLocation"),
            Row(ErrorIds.NoCredentials, "Get-SsmHybridManagedNode", "-ProfileName"),
            Row(ErrorIds.ActivationNotFound, "Remove-SsmHybridActivation", "Get-SsmHybridActivation"),
            Row(ErrorIds.ManagedNodeNotFound, "Unregister-SsmHybridManagedNode", "Get-SsmHybridManagedNode"),
            Row(ErrorIds.ManagedNodeNotFound, "Set-SsmHybridManagedNode", "Get-SsmHybridManagedNode"),
            Row(ErrorIds.ActivationOutcomeUnknown, "New-SsmHybridActivation", "-like '*`[SsmHybridRole 0123456789abcdef`]'"),
            Row(ErrorIds.EndpointUnreachable, "Get-SsmHybridServiceRole", "-EndpointUrl"),
            Row(ErrorIds.ConfirmationRequired, "Remove-SsmHybridRolePolicy", "-Force"),
            Row(ErrorIds.ConfirmationRequired, "Remove-SsmHybridServiceRole", "-Confirm:$false"),
            Row(ErrorIds.ConfirmationRequired, "Set-SsmHybridInstanceTier", "-Force"),
            Row(ErrorIds.ConfirmationRequired, "Remove-SsmHybridActivation", "-Force"),
            Row(ErrorIds.ConfirmationRequired, "Unregister-SsmHybridManagedNode", "-Force"),
            Row(ErrorIds.ConfirmationRequired, "New-SsmHybridServiceRole", "-Confirm", "-Force"),
            Row(ErrorIds.ConfirmationRequired, "Set-SsmHybridServiceRole", "-Confirm", "-Force"),
            Row(ErrorIds.ConfirmationRequired, "New-SsmHybridS3BucketPolicy", "-Confirm", "-Force"),
        };

        [Theory]
        [MemberData(nameof(AdviceTable))]
        public void Advice_fits_the_cmdlet_that_met_the_error(string errorId, string command, string mustSay, string? mustNotSay)
        {
            var target = errorId == ErrorIds.ActivationOutcomeUnknown ? "[SsmHybridRole 0123456789abcdef]" : "ops-role";

            var advice = Advice.For(errorId, command, target);

            Assert.NotNull(advice);
            Assert.Contains(mustSay, advice, StringComparison.Ordinal);
            if (mustNotSay != null)
            {
                Assert.DoesNotContain(mustNotSay, advice, StringComparison.Ordinal);
            }

            foreach (var (named, parameter) in Mentions(advice!))
            {
                var owner = named ?? command;
                Assert.True(Cmdlets.ContainsKey(owner), $"{errorId} on {command}: the advice names {owner}, which is no cmdlet of the module: {advice}");
                Assert.True(Cmdlets[owner].Contains(parameter), $"{errorId} on {command}: {owner} has no -{parameter}: {advice}");
            }
        }

        [Fact]
        public void Every_error_id_with_advice_of_its_own_is_in_the_table()
        {
            var inTable = AdviceTable().Select(r => (string)r[0]).ToHashSet();

            Assert.All(Advice.ErrorIdsWithAdvice, id => Assert.Contains(id, inTable));
        }

        [Fact]
        public void A_role_name_PowerShell_would_split_or_splat_is_quoted_in_advice()
        {
            Assert.Contains("Remove-SsmHybridServiceRole -RoleName 'ops,role@x' -Force", Advice.For(ErrorIds.RoleCreationIncomplete, "New-SsmHybridServiceRole", "ops,role@x"), StringComparison.Ordinal);
        }

        private static object[] Row(string errorId, string command, string mustSay, string? mustNotSay = null) => new object[] { errorId, command, mustSay, mustNotSay! };

        /// <summary>The module's cmdlets and the parameters each takes (aliases and common parameters included).</summary>
        private static readonly Dictionary<string, HashSet<string>> Cmdlets = typeof(NewSsmHybridServiceRoleCommand).Assembly.GetTypes()
            .Select(t => (Type: t, Attribute: t.GetCustomAttribute<CmdletAttribute>()))
            .Where(c => c.Attribute != null)
            .ToDictionary(
                c => c.Attribute!.VerbName + "-" + c.Attribute!.NounName,
                c => c.Type.GetProperties()
                    .Where(p => p.GetCustomAttributes<ParameterAttribute>().Any())
                    .SelectMany(p => new[] { p.Name }.Concat(p.GetCustomAttributes<AliasAttribute>().SelectMany(a => a.AliasNames)))
                    .Concat(new[] { "Verbose", "Debug", "ErrorAction", "WarningAction", "ErrorVariable", "WarningVariable", "OutVariable" })
                    .Concat(c.Attribute!.SupportsShouldProcess ? new[] { "WhatIf", "Confirm" } : Array.Empty<string>())
                    .ToHashSet(StringComparer.OrdinalIgnoreCase));

        /// <summary>
        /// The parameters an advice names, each with the module cmdlet it follows (null: none, so the cmdlet that met
        /// the error). Parameters of other commands (Set-DefaultAWSRegion, Where-Object) are not the module's to check.
        /// </summary>
        private static IEnumerable<(string? Command, string Parameter)> Mentions(string advice)
        {
            var commandName = new Regex(@"^[A-Z][a-z]+-[A-Z][A-Za-z]+$");
            string? command = null;
            var foreign = false;
            foreach (var word in advice.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var token = word.Trim('(', ')', ',', '.', ';');
                if (commandName.IsMatch(token))
                {
                    foreign = !Cmdlets.ContainsKey(token);
                    command = foreign ? null : token;
                }
                else
                {
                    foreach (var part in token.Split('/').Where(p => p.Length > 1 && p[0] == '-' && char.IsUpper(p[1])))
                    {
                        if (!foreign)
                        {
                            yield return (command, part.Substring(1).Split(':')[0]);
                        }
                    }
                }

                if (word.EndsWith(')') || word.EndsWith(',') || word.EndsWith(';') || word.EndsWith('.'))
                {
                    command = null;
                    foreign = false;
                }
            }
        }
    }
}
