using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using SsmHybridRole.Engine.Errors;
using Xunit;

namespace SsmHybridRole.Tests.Structure
{
    /// <summary>
    /// The structure docs/ARCHITECTURE.md promises, checked on the sources and the built engine: small files,
    /// an engine that knows no PowerShell, one home for the AWS-owned buckets, and a small public surface.
    /// </summary>
    public class HouseRulesTests
    {
        private static readonly string Root = FindRoot();
        private static readonly string Source = Path.Combine(Root, "src");
        private static readonly string EngineSource = Path.Combine(Source, "SsmHybridRole.Engine");

        [Fact]
        public void No_source_file_is_over_300_lines_and_no_cmdlet_file_over_100()
        {
            var files = SourceFiles(Source).ToList();
            Assert.NotEmpty(files);
            var tooLong = files.Where(f => File.ReadAllLines(f).Length > 300).ToList();
            var cmdlets = files.Where(f => f.EndsWith("Command.cs", StringComparison.Ordinal)).ToList();
            var tooLongCmdlets = cmdlets.Where(f => File.ReadAllLines(f).Length > 100).ToList();

            Assert.True(tooLong.Count == 0, "over 300 lines: " + string.Join(", ", tooLong));
            Assert.True(cmdlets.Count >= 11, $"found only {cmdlets.Count} cmdlet files");
            Assert.True(tooLongCmdlets.Count == 0, "cmdlets over 100 lines: " + string.Join(", ", tooLongCmdlets));
        }

        [Fact]
        public void The_engine_names_no_cmdlet_and_writes_no_parameter_syntax()
        {
            var cmdletName = new Regex(@"\b(New|Get|Set|Test|Remove|Add|Export|Register|Unregister|Write|Import|Invoke)-[A-Z][A-Za-z]+");
            var parameterSyntax = new Regex("\"[^\"\\n]*\\s-[A-Z][a-z]+[A-Za-z]*\\b[^\"\\n]*\"");
            var found = SourceFiles(EngineSource)
                .SelectMany(f => File.ReadAllLines(f).Select((line, i) => (File: Path.GetFileName(f), Line: i + 1, Text: line)))
                .Where(l => cmdletName.IsMatch(l.Text) || parameterSyntax.IsMatch(l.Text))
                .Select(l => $"{l.File}:{l.Line}: {l.Text.Trim()}")
                .ToList();

            Assert.True(found.Count == 0, string.Join(Environment.NewLine, found));
        }

        [Fact]
        public void Every_question_goes_through_the_one_confirmation_helper()
        {
            // ShouldContinue and PromptForChoice fail in a session nobody can answer, and default to Yes: only
            // Confirmation asks, and only the cmdlet base reaches PowerShell's own ShouldProcess.
            var asking = new Regex(@"\bShouldContinue\(|\bPromptForChoice\(|base\.ShouldProcess\(|\bHost\.UI\.(PromptForChoice|ReadLine)");
            var found = SourceFiles(Source)
                .Where(f => !f.EndsWith("Confirmation.cs", StringComparison.Ordinal) && !f.EndsWith("SsmHybridCmdlet.cs", StringComparison.Ordinal))
                .SelectMany(f => File.ReadAllLines(f).Select((line, i) => (File: Path.GetFileName(f), Line: i + 1, Text: line)))
                .Where(l => asking.IsMatch(l.Text))
                .Select(l => $"{l.File}:{l.Line}: {l.Text.Trim()}")
                .ToList();

            Assert.True(found.Count == 0, string.Join(Environment.NewLine, found));
        }

        [Fact]
        public void The_AWS_owned_buckets_are_named_in_one_file()
        {
            var naming = SourceFiles(Source).Where(f => File.ReadAllText(f).Contains("birdwatcher", StringComparison.Ordinal)).Select(Path.GetFileName).ToList();

            Assert.Equal(new[] { "AwsOwnedBuckets.cs" }, naming);
        }

        [Fact]
        public void The_engine_makes_public_only_its_exceptions_and_the_IAM_client()
        {
            var exported = typeof(SsmHybridRoleException).Assembly.GetExportedTypes()
                .Where(t => !typeof(Exception).IsAssignableFrom(t) && t != typeof(FailureKind) && !(t.Namespace ?? string.Empty).StartsWith("SsmHybridRole.Engine.Iam", StringComparison.Ordinal))
                .Select(t => t.FullName)
                .ToList();

            Assert.True(exported.Count == 0, "public beyond the contract: " + string.Join(", ", exported));
        }

        private static System.Collections.Generic.IEnumerable<string> SourceFiles(string folder)
            => Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
                .Where(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                            && !f.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal));

        private static string FindRoot()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "SsmHybridRole.psd1")) && Directory.Exists(Path.Combine(dir.FullName, "src")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException("The repository root (with SsmHybridRole.psd1 and src/) is not above " + AppContext.BaseDirectory);
        }
    }
}
