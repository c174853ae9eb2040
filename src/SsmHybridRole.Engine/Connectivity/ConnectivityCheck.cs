using System.Globalization;
using SsmHybridRole.Engine.Roles;

namespace SsmHybridRole.Engine.Connectivity
{
    /// <summary>
    /// Checks, from the server about to be registered, that SSM Agent can reach what it needs in a Region: the
    /// ssm, ssmmessages and ec2messages endpoints and the AWS-owned S3 buckets, each through DNS, TCP (or the
    /// proxy), TLS and HTTPS; and that this server's clock is close enough to AWS's for signed requests. It
    /// needs no AWS credentials and sends no AWS API request.
    /// </summary>
    internal static class ConnectivityCheck
    {
        /// <summary>AWS refuses requests signed more than 5 minutes off its own time.</summary>
        public static readonly TimeSpan SkewLimit = TimeSpan.FromMinutes(5);

        /// <summary>Closer to the limit than this is worth a warning.</summary>
        public static readonly TimeSpan SkewWarning = TimeSpan.FromMinutes(1);

        public static async Task<ConnectivityResult> RunAsync(ConnectivityRequest request, IOperationReporter reporter, CancellationToken cancellationToken)
        {
            if (request is null)
            {
                throw new ArgumentNullException(nameof(request));
            }

            var targets = request.Targets();
            var probes = targets.Select(t => (Target: t, Proxy: ProxyTunnel.For(t.Url, request.ProxyUri, request.NoProxy))).ToList();
            foreach (var (target, proxy) in probes)
            {
                reporter.Verbose($"Checking {target.Url} " + (proxy is null ? "directly." : $"through proxy {ProxyTunnel.Masked(proxy)}."));
            }

            var running = probes.Select(p => new EndpointProbe(p.Target, p.Proxy, request.Timeout)).ToList();
            await Task.WhenAll(running.Select(p => p.RunAsync(cancellationToken))).ConfigureAwait(false);

            var findings = running.SelectMany(p => p.Findings).ToList();
            var skews = running.Where(p => p.ClockAhead.HasValue).Select(p => p.ClockAhead!.Value).OrderBy(s => s).ToList();
            TimeSpan? skew = skews.Count == 0 ? null : skews[skews.Count / 2];
            findings.Add(Clock(skew));
            var proxies = probes.Where(p => p.Proxy != null).Select(p => ProxyTunnel.Masked(p.Proxy!)).Distinct(StringComparer.Ordinal).ToList();
            return new ConnectivityResult(request.Region, proxies.Count == 0 ? null : string.Join(", ", proxies), skew, findings);
        }

        private static ConnectivityFinding Clock(TimeSpan? ahead)
        {
            const string Remedy = "Synchronise this server's clock with a time source (Windows: w32tm /resync; Linux: chronyc makestep, or the timedatectl NTP setting); SSM Agent's signed requests fail when the clock is more than 5 minutes off.";
            if (ahead is null)
            {
                return new ConnectivityFinding("clock", "Clock", CheckStatus.Warning, "No endpoint answered with a Date header, so this server's clock could not be compared with AWS's.", "Fix the endpoints above first; then check again.");
            }

            var seconds = ahead.Value.TotalSeconds;
            var text = string.Format(CultureInfo.InvariantCulture, "This server's clock is {0:0} s {1} AWS's", Math.Abs(seconds), seconds >= 0 ? "ahead of" : "behind");
            var size = ahead.Value.Duration();
            return size >= SkewLimit
                ? new ConnectivityFinding("clock", "Clock", CheckStatus.Fail, text + "; AWS refuses requests signed more than 5 minutes off.", Remedy)
                : size >= SkewWarning
                    ? new ConnectivityFinding("clock", "Clock", CheckStatus.Warning, text + "; more than a minute off, near the 5-minute limit.", Remedy)
                    : new ConnectivityFinding("clock", "Clock", CheckStatus.Pass, text + ".");
        }
    }
}
