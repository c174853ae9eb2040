using System.Collections;
using System.Management.Automation.Language;
using SsmHybridRole.Engine.Policies;

namespace SsmHybridRole.Infrastructure
{
    /// <summary>Completes -Policy with the catalog's short and AWS names.</summary>
    public sealed class PolicyNameCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
            => Complete(ManagedPolicyCatalog.CompletionNames, wordToComplete);

        internal static IEnumerable<CompletionResult> Complete(IEnumerable<string> candidates, string? wordToComplete)
            => Complete(candidates.Select(c => new KeyValuePair<string, string>(c, c)), wordToComplete);

        /// <summary>The candidates that start with the word typed, each with its tooltip.</summary>
        internal static IEnumerable<CompletionResult> Complete(IEnumerable<KeyValuePair<string, string>> candidates, string? wordToComplete)
        {
            var prefix = (wordToComplete ?? string.Empty).Trim('\'', '"');
            return candidates
                .Where(c => c.Key.StartsWith(prefix, System.StringComparison.OrdinalIgnoreCase))
                .Select(c => new CompletionResult(c.Key, c.Key, CompletionResultType.ParameterValue, c.Value));
        }
    }

    /// <summary>Completes -Region and -ActivationRegion with the Regions where Systems Manager runs.</summary>
    public sealed class RegionCompleter : IArgumentCompleter
    {
        internal static readonly string[] Regions =
        {
            "us-east-1", "us-east-2", "us-west-1", "us-west-2", "af-south-1", "ap-east-1", "ap-south-1", "ap-south-2",
            "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4", "ap-northeast-1", "ap-northeast-2",
            "ap-northeast-3", "ca-central-1", "ca-west-1", "eu-central-1", "eu-central-2", "eu-west-1", "eu-west-2",
            "eu-west-3", "eu-south-1", "eu-south-2", "eu-north-1", "il-central-1", "me-south-1", "me-central-1",
            "sa-east-1", "cn-north-1", "cn-northwest-1", "us-gov-west-1", "us-gov-east-1",
        };

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
            => PolicyNameCompleter.Complete(Regions, wordToComplete);
    }

    /// <summary>Completes -Partition with every partition the module knows.</summary>
    public sealed class PartitionCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
            => PolicyNameCompleter.Complete(AwsPartition.All.Select(p => p.Name), wordToComplete);
    }
}

namespace SsmHybridRole.Infrastructure
{
    using System.Globalization;
    using SsmHybridRole.Engine.Activations;
    using SsmHybridRole.Engine.Connections;
    using SsmHybridRole.Engine.ManagedNodes;
    using SsmHybridRole.Engine.Reporting;

    /// <summary>Completes -ActivationId with the activations in the Region, each with its role and use as the tooltip.</summary>
    public sealed class ActivationIdCompleter : AccountListCompleter
    {
        internal override async Task<IEnumerable<KeyValuePair<string, string>>> ReadAsync(AwsConnection connection, string? region, CancellationToken cancellationToken)
        {
            var found = new List<KeyValuePair<string, string>>();
            await new ActivationService(connection, SilentReporter.Instance).ListAsync(
                region is null ? Array.Empty<string>() : new[] { region },
                new ActivationFilter(null, Array.Empty<string>()),
                a => found.Add(new KeyValuePair<string, string>(a.ActivationId, string.Format(CultureInfo.InvariantCulture, "{0}: {1}/{2} registered{3}", a.IamRole, a.RegistrationsCount, a.RegistrationLimit, a.Expired ? ", expired" : string.Empty))),
                cancellationToken).ConfigureAwait(false);
            return found;
        }
    }

    /// <summary>Completes -InstanceId with the hybrid managed nodes (mi-...) in the Region, each with its computer name as the tooltip.</summary>
    public sealed class ManagedNodeIdCompleter : AccountListCompleter
    {
        internal override async Task<IEnumerable<KeyValuePair<string, string>>> ReadAsync(AwsConnection connection, string? region, CancellationToken cancellationToken)
        {
            var found = new List<KeyValuePair<string, string>>();
            await new ManagedNodeService(connection, SilentReporter.Instance).ListAsync(
                region is null ? Array.Empty<string>() : new[] { region },
                new ManagedNodeFilter(null, Array.Empty<string>(), Array.Empty<string>(), Array.Empty<string>()),
                n => found.Add(new KeyValuePair<string, string>(n.InstanceId, $"{n.ComputerName ?? n.Name} ({n.PingStatus}, role {n.IamRole})")),
                cancellationToken).ConfigureAwait(false);
            return found;
        }
    }
}
