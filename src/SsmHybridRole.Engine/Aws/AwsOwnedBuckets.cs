namespace SsmHybridRole.Engine.Aws
{
    /// <summary>
    /// One S3 bucket AWS owns in every Region, which SSM Agent reads from ("Create a custom S3 bucket policy for
    /// an instance profile"): its name pattern, the Regions that lack it, and the Regions where it has another name.
    /// </summary>
    internal sealed class AwsOwnedBucket
    {
        internal AwsOwnedBucket(string pattern, string[]? absentIn = null, IReadOnlyList<KeyValuePair<string, string>>? namedIn = null, bool macOSOnly = false, string? absenceCondition = null)
        {
            Pattern = pattern;
            AbsentIn = absentIn ?? Array.Empty<string>();
            NamedIn = namedIn ?? Array.Empty<KeyValuePair<string, string>>();
            MacOSOnly = macOSOnly;
            AbsenceCondition = absenceCondition;
        }

        /// <summary>The name with {region} where the Region goes, e.g. aws-ssm-{region}.</summary>
        public string Pattern { get; }

        public IReadOnlyList<string> AbsentIn { get; }

        /// <summary>Regions where the bucket has a name of its own, not the pattern's.</summary>
        public IReadOnlyList<KeyValuePair<string, string>> NamedIn { get; }

        /// <summary>Only needed for patching EC2 macOS instances.</summary>
        public bool MacOSOnly { get; }

        /// <summary>The name of a CloudFormation condition that is true where the bucket is absent.</summary>
        public string? AbsenceCondition { get; }

        /// <summary>The bucket's name in <paramref name="region"/>, or null when that Region has none.</summary>
        public string? NameIn(string region)
        {
            if (AbsentIn.Contains(region, StringComparer.Ordinal))
            {
                return null;
            }

            var own = NamedIn.FirstOrDefault(n => n.Key == region);
            return own.Value ?? Pattern.Replace("{region}", region);
        }
    }

    /// <summary>The AWS-owned buckets and their per-Region exceptions: the one list the S3 policy and the template share.</summary>
    internal static class AwsOwnedBuckets
    {
        /// <summary>SSM Agent's releases: its installers and updates.</summary>
        public static AwsOwnedBucket AgentReleases { get; } = new AwsOwnedBucket("amazon-ssm-{region}");

        public static IReadOnlyList<AwsOwnedBucket> All { get; } = new[]
        {
            new AwsOwnedBucket("aws-ssm-{region}"),
            new AwsOwnedBucket("aws-windows-downloads-{region}"),
            AgentReleases,

            // Only SSM Agent before 2.2.45.0 reads it, but AWS still lists it.
            new AwsOwnedBucket("amazon-ssm-packages-{region}"),

            // These two Regions have no birdwatcher bucket; they use the distributor bucket below.
            new AwsOwnedBucket("{region}-birdwatcher-prod", absentIn: new[] { "af-south-1", "eu-south-1" }, absenceCondition: "HasNoBirdwatcherBucket"),
            new AwsOwnedBucket("aws-ssm-distributor-file-{region}"),
            new AwsOwnedBucket("aws-ssm-document-attachments-{region}"),
            new AwsOwnedBucket(
                "patch-baseline-snapshot-{region}",
                namedIn: new[]
                {
                    new KeyValuePair<string, string>("me-south-1", "patch-baseline-snapshot-me-south-1-uduvl7q8"),
                    new KeyValuePair<string, string>("af-south-1", "patch-baseline-snapshot-af-south-1-tbxdb5b9"),
                }),
            new AwsOwnedBucket("aws-patchmanager-macos-{region}", macOSOnly: true),
        };

        /// <summary>The buckets SSM Agent reads in one Region.</summary>
        public static IEnumerable<string> In(string region, bool includeMacOS)
            => All.Where(b => includeMacOS || !b.MacOSOnly).Select(b => b.NameIn(region)).Where(n => n != null)!;

        /// <summary>Every Region that is an exception for some bucket, in order.</summary>
        public static IEnumerable<string> ExceptionRegions
            => All.SelectMany(b => b.AbsentIn.Concat(b.NamedIn.Select(n => n.Key))).Distinct(StringComparer.Ordinal).OrderBy(r => r, StringComparer.Ordinal);
    }
}
