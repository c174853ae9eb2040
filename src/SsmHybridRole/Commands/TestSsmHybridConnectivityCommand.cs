using System.Collections;
using SsmHybridRole.Engine.Connections;
using SsmHybridRole.Engine.Connectivity;

namespace SsmHybridRole.Commands
{
    /// <summary>
    /// Run on a server before registering it: can SSM Agent reach the Region's ssm, ssmmessages and
    /// ec2messages endpoints and the S3 buckets it downloads from (DNS, TCP 443 or the proxy, TLS and the
    /// certificate chain, an HTTPS answer), and is the clock close enough to AWS's? No AWS credentials needed.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "SsmHybridConnectivity")]
    [OutputType(typeof(HybridConnectivityResult), typeof(bool))]
    public sealed class TestSsmHybridConnectivityCommand : SsmHybridCmdlet
    {
        /// <summary>The Region the server will be registered in (default: the session's, as for every cmdlet).</summary>
        [Parameter(Position = 0)]
        [Alias("RegionToCall")]
        [ArgumentCompleter(typeof(RegionCompleter))]
        public string? Region { get; set; }

        [Parameter]
        public Uri? ProxyUri { get; set; }

        /// <summary>Go direct, even where the system names a proxy.</summary>
        [Parameter]
        public SwitchParameter NoProxy { get; set; }

        /// <summary>Endpoints in place of the Region's own, as in SSM Agent's configuration: @{ ssm = 'https://...' }.</summary>
        [Parameter]
        public Hashtable? Endpoint { get; set; }

        /// <summary>Seconds each step may take (1 to 300).</summary>
        [Parameter]
        public int TimeoutSec { get; set; } = 10;

        [Parameter]
        public SwitchParameter Quiet { get; set; }

        protected override void EndProcessing() => Try(() =>
        {
            var options = ConnectionParameters.FromBound(MyInvocation.BoundParameters, Region, SessionState.PSVariable.GetValue);
            var request = new ConnectivityRequest
            {
                Region = RegionResolver.Resolve(options) ?? throw new SsmHybridRoleException(ErrorIds.RegionRequired, FailureKind.Configuration, Messages.NoRegion),
                ProxyUri = ProxyUri,
                NoProxy = NoProxy,
                EndpointOverrides = (Endpoint ?? new Hashtable()).Cast<DictionaryEntry>().ToDictionary(e => e.Key.ToString() ?? string.Empty, e => ((e.Value is PSObject wrapped ? wrapped.BaseObject : e.Value)?.ToString()) ?? string.Empty, StringComparer.OrdinalIgnoreCase),
                Timeout = TimeSpan.FromSeconds(TimeoutSec),
            };
            request.Targets();
            var result = RunEngine((call, cancel) => ConnectivityCheck.RunAsync(request, call, cancel));
            WriteObject(Quiet ? result.Passed : SsmOutputMapper.ToOutput(result));
        });
    }
}
