using System.Text.RegularExpressions;

namespace SsmHybridRole.Engine.Aws
{
    /// <summary>
    /// An AWS partition: the one home of what belongs to it. Which Regions it holds, the ARN prefix, and where IAM
    /// (global within the partition) answers and is signed, with and without FIPS. The facts are those of botocore's
    /// partitions.json and IAM's endpoint rules. The Regional services (STS, SSM, SSO) are
    /// resolved by their SDK clients from the Region and the FIPS choice. <c>PartitionEndpointTests</c> compares
    /// all of them with botocore, for every Region it knows.
    /// </summary>
    internal sealed class AwsPartition
    {
        public static readonly AwsPartition Aws = new AwsPartition(
            "aws", @"^(us|eu|ap|sa|ca|me|af|il|mx)-\w+-\d+$", "us-east-1",
            new GlobalEndpoint("iam.amazonaws.com", "us-east-1"), new GlobalEndpoint("iam-fips.amazonaws.com", "us-east-1"));

        public static readonly AwsPartition China = new AwsPartition(
            "aws-cn", @"^cn-\w+-\d+$", "cn-northwest-1",
            new GlobalEndpoint("iam.cn-north-1.amazonaws.com.cn", "cn-north-1"), new GlobalEndpoint("iam-fips.amazonaws.com.cn", "cn-northwest-1"));

        /// <summary>GovCloud's IAM endpoint is a FIPS endpoint already: asking for FIPS changes no host there.</summary>
        public static readonly AwsPartition GovCloud = new AwsPartition(
            "aws-us-gov", @"^us-gov-\w+-\d+$", "us-gov-west-1",
            new GlobalEndpoint("iam.us-gov.amazonaws.com", "us-gov-west-1"), new GlobalEndpoint("iam.us-gov.amazonaws.com", "us-gov-west-1"));

        public static readonly AwsPartition Iso = new AwsPartition(
            "aws-iso", @"^us-iso-\w+-\d+$", "us-iso-east-1",
            new GlobalEndpoint("iam.us-iso-east-1.c2s.ic.gov", "us-iso-east-1"), new GlobalEndpoint("iam-fips.us-iso-east-1.c2s.ic.gov", "us-iso-east-1"));

        public static readonly AwsPartition IsoB = new AwsPartition(
            "aws-iso-b", @"^us-isob-\w+-\d+$", "us-isob-east-1",
            new GlobalEndpoint("iam.us-isob-east-1.sc2s.sgov.gov", "us-isob-east-1"), new GlobalEndpoint("iam-fips.us-isob-east-1.sc2s.sgov.gov", "us-isob-east-1"));

        public static readonly AwsPartition IsoE = new AwsPartition(
            "aws-iso-e", @"^eu-isoe-\w+-\d+$", "eu-isoe-west-1",
            new GlobalEndpoint("iam.eu-isoe-west-1.cloud.adc-e.uk", "eu-isoe-west-1"), new GlobalEndpoint("iam-fips.cloud.adc-e.uk", "eu-isoe-west-1"));

        public static readonly AwsPartition IsoF = new AwsPartition(
            "aws-iso-f", @"^us-isof-\w+-\d+$", "us-isof-south-1",
            new GlobalEndpoint("iam.us-isof-south-1.csp.hci.ic.gov", "us-isof-south-1"), new GlobalEndpoint("iam-fips.csp.hci.ic.gov", "us-isof-south-1"));

        public static readonly AwsPartition EuropeanSovereign = new AwsPartition(
            "aws-eusc", @"^eusc-(de)-\w+-\d+$", "eusc-de-east-1",
            new GlobalEndpoint("iam.eusc-de-east-1.amazonaws.eu", "eusc-de-east-1"), new GlobalEndpoint("iam-fips.amazonaws.eu", "eusc-de-east-1"));

        /// <summary>
        /// What any partition's Region name looks like (us-east-2, us-isob-east-1, eusc-de-east-1): the input rule
        /// for a Region. Which partition it is in is <see cref="FromRegion"/>'s question.
        /// </summary>
        public static readonly Regex RegionNamePattern = new Regex(@"^[a-z]{2,4}(-[a-z]+)+-\d{1,2}\z", RegexOptions.CultureInvariant);

        private readonly Regex regionPattern;
        private readonly GlobalEndpoint iam;
        private readonly GlobalEndpoint iamFips;

        private AwsPartition(string name, string regionPattern, string homeRegion, GlobalEndpoint iam, GlobalEndpoint iamFips)
        {
            Name = name;
            this.regionPattern = new Regex(regionPattern, RegexOptions.CultureInvariant | RegexOptions.ECMAScript);
            HomeRegion = homeRegion;
            this.iam = iam;
            this.iamFips = iamFips;
        }

        /// <summary>Every partition, in the order a Region is matched against them (the first is the fallback).</summary>
        public static IReadOnlyList<AwsPartition> All { get; } = new[] { Aws, China, GovCloud, Iso, IsoB, IsoE, IsoF, EuropeanSovereign };

        /// <summary>The partition's ARN component: aws, aws-cn, aws-us-gov, aws-iso, ...</summary>
        public string Name { get; }

        /// <summary>The Region that stands for the whole partition where no Region is set (botocore's implicitGlobalRegion).</summary>
        public string HomeRegion { get; }

        /// <summary>Where IAM answers without FIPS.</summary>
        public string IamEndpoint => iam.Url;

        /// <summary>The SigV4 Region IAM is signed for without FIPS.</summary>
        public string IamSigningRegion => iam.SigningRegion;

        /// <summary>IAM's endpoint URL and signing Region in this partition, with or without FIPS.</summary>
        public (string Url, string SigningRegion) Iam(bool fips)
        {
            var chosen = fips ? iamFips : iam;
            return (chosen.Url, chosen.SigningRegion);
        }

        /// <summary>The partition a Region belongs to, by each partition's Region pattern; unknown Regions are taken as commercial (aws), as the SDKs do.</summary>
        public static AwsPartition FromRegion(string region)
        {
            if (region is null)
            {
                throw new ArgumentNullException(nameof(region));
            }

            return All.FirstOrDefault(p => p.regionPattern.IsMatch(region)) ?? Aws;
        }

        /// <summary>The partition with this ARN name, or null.</summary>
        public static AwsPartition? FromName(string? name)
            => All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

        public override string ToString() => Name;

        private sealed class GlobalEndpoint
        {
            public GlobalEndpoint(string host, string signingRegion)
            {
                Url = "https://" + host;
                SigningRegion = signingRegion;
            }

            public string Url { get; }

            public string SigningRegion { get; }
        }
    }
}
