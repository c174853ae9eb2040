using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using SsmHybridRole.Engine.Roles;

namespace SsmHybridRole.Engine.Connectivity
{
    /// <summary>
    /// Checks one endpoint the way SSM Agent reaches it, step by step on one connection: DNS, TCP 443 (or the
    /// proxy's tunnel), the TLS handshake with the certificate chain as this machine judges it, then an HTTPS
    /// request. Each step is a finding; the first that fails ends the check of that endpoint.
    /// </summary>
    internal sealed class EndpointProbe
    {
        /// <summary>SslProtocols.Tls12 by value: the older versions are compared against it, never named.</summary>
        private const int Tls12 = 3072;

        private const string ProxyRemedy = "If this server reaches the internet through a proxy, name it with {ProxyUri} here and in SSM Agent's proxy settings.";
        private readonly ConnectivityTarget target;
        private readonly Uri? proxy;
        private readonly TimeSpan timeout;
        private readonly List<ConnectivityFinding> findings = new List<ConnectivityFinding>();

        public EndpointProbe(ConnectivityTarget target, Uri? proxy, TimeSpan timeout)
        {
            this.target = target;
            this.proxy = proxy;
            this.timeout = timeout;
        }

        public IReadOnlyList<ConnectivityFinding> Findings => findings;

        /// <summary>How far this machine's clock is ahead of the endpoint's Date header, when it answered with one.</summary>
        public TimeSpan? ClockAhead { get; private set; }

        private string Host => target.Url.Host;

        private int Port => target.Url.Port;

        public async Task RunAsync(CancellationToken cancellationToken)
        {
            using var tcp = await ConnectAsync(cancellationToken).ConfigureAwait(false);
            if (tcp is null)
            {
                return;
            }

            using var ssl = await HandshakeAsync(tcp.GetStream(), cancellationToken).ConfigureAwait(false);
            if (ssl != null)
            {
                await RequestAsync(ssl, cancellationToken).ConfigureAwait(false);
            }
        }

        private void Add(string check, CheckStatus status, string message, string? remedy = null)
            => findings.Add(new ConnectivityFinding(target.Name, check, status, message, status == CheckStatus.Pass ? null : remedy));

        private async Task<TcpClient?> ConnectAsync(CancellationToken cancellationToken)
        {
            var hop = proxy ?? target.Url;
            IPAddress[] addresses;
            try
            {
                addresses = await Within(Dns.GetHostAddressesAsync(hop.Host), null, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is SocketException or TimeoutException or ArgumentException)
            {
                Add("Dns", CheckStatus.Fail, $"{hop.Host} does not resolve on this server: {Reason(e)}.", proxy is null
                    ? $"Make sure this server's DNS resolves {hop.Host} (for a VPC endpoint, the private hosted zone must reach it). {ProxyRemedy}"
                    : "Check the proxy's host name.");
                return null;
            }

            var shown = string.Join(", ", addresses.Select(a => a.ToString()));
            Add("Dns", CheckStatus.Pass, proxy is null
                ? $"{Host} resolves to {shown}" + (addresses.Any(IsPrivate) ? " (a private address: a VPC endpoint or a DNS override answers)." : ".")
                : $"Proxy {ProxyTunnel.Masked(proxy)} resolves to {shown}; the proxy resolves {Host} itself.");

            var client = new TcpClient(AddressFamily.InterNetworkV6) { Client = { DualMode = true } };
            Exception? failure = null;
            foreach (var address in addresses.OrderBy(a => a.AddressFamily == AddressFamily.InterNetwork ? 0 : 1))
            {
                try
                {
                    await Within(client.ConnectAsync(address, hop.Port), client, cancellationToken).ConfigureAwait(false);
                    failure = null;
                    break;
                }
                catch (Exception e) when (e is SocketException or TimeoutException or ObjectDisposedException)
                {
                    failure = e;
                    client.Dispose();
                    client = new TcpClient(AddressFamily.InterNetworkV6) { Client = { DualMode = true } };
                }
            }

            if (failure != null)
            {
                client.Dispose();
                Add("Tcp", CheckStatus.Fail, $"No TCP connection to {hop.Host} port {hop.Port}: {Reason(failure)}.", proxy is null
                    ? $"Allow outbound TCP {hop.Port} from this server to {hop.Host} in every firewall on the way. {ProxyRemedy}"
                    : $"Check that the proxy {ProxyTunnel.Masked(proxy)} runs and that this server may reach it.");
                return null;
            }

            if (proxy is null)
            {
                Add("Tcp", CheckStatus.Pass, $"TCP port {Port} of {Host} is open.");
                return client;
            }

            return await TunnelAsync(client, cancellationToken).ConfigureAwait(false);
        }

        private async Task<TcpClient?> TunnelAsync(TcpClient client, CancellationToken cancellationToken)
        {
            string? refused;
            try
            {
                refused = await Within(ProxyTunnel.ConnectAsync(client.GetStream(), proxy!, Host, Port), client, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or TimeoutException or ObjectDisposedException)
            {
                refused = Reason(e);
            }

            if (refused is null)
            {
                Add("Proxy", CheckStatus.Pass, $"Proxy {ProxyTunnel.Masked(proxy!)} opened a tunnel to {Host}:{Port}.");
                return client;
            }

            client.Dispose();
            Add("Proxy", CheckStatus.Fail, $"Proxy {ProxyTunnel.Masked(proxy!)} did not open a tunnel to {Host}:{Port}: {refused}.", refused.Contains(" 407")
                ? "The proxy wants credentials: give them in {ProxyUri} as http://user:password@host:port, and in SSM Agent's proxy settings."
                : $"Ask for {Host} on port {Port} to be allowed through the proxy.");
            return null;
        }

        private async Task<SslStream?> HandshakeAsync(Stream stream, CancellationToken cancellationToken)
        {
            SslPolicyErrors errors = SslPolicyErrors.None;
            X509ChainStatusFlags chainStatus = X509ChainStatusFlags.NoError;
            var ssl = new SslStream(stream, false, (sender, certificate, chain, policyErrors) =>
            {
                errors = policyErrors;
                chainStatus = chain?.ChainStatus.Aggregate(X509ChainStatusFlags.NoError, (all, s) => all | s.Status) ?? X509ChainStatusFlags.NoError;
                return true;
            });
            try
            {
                await Within(ssl.AuthenticateAsClientAsync(Host, null, SslProtocols.None, checkCertificateRevocation: false), ssl, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is AuthenticationException or IOException or TimeoutException or ObjectDisposedException)
            {
                ssl.Dispose();
                Add("Tls", CheckStatus.Fail, $"The TLS handshake with {Host} failed: {Reason(e)}.", "Something between this server and AWS interrupts TLS (a proxy or filter), or this server cannot use TLS 1.2 or later. Enable TLS 1.2 and allow the traffic through.");
                return null;
            }

            using var certificate = new X509Certificate2(ssl.RemoteCertificate!);
            var about = $"certificate '{certificate.GetNameInfo(X509NameType.DnsName, false)}' from '{certificate.GetNameInfo(X509NameType.SimpleName, true)}'";
            var problem = CertificateProblem(errors, chainStatus, certificate);
            if (problem != null)
            {
                ssl.Dispose();
                Add("Tls", CheckStatus.Fail, $"{Host} presented {about}, which this server does not accept: {problem.Value.Problem}", problem.Value.Remedy);
                return null;
            }

            if ((int)ssl.SslProtocol < Tls12)
            {
                ssl.Dispose();
                Add("Tls", CheckStatus.Fail, $"{Host} was reached with {ssl.SslProtocol}; AWS endpoints require TLS 1.2 or later.", "Enable TLS 1.2 or later on this server (on Windows, in SCHANNEL and for .NET).");
                return null;
            }

            Add("Tls", CheckStatus.Pass, $"{ssl.SslProtocol} with {Host}; {about}, valid until {certificate.NotAfter.ToUniversalTime():yyyy-MM-dd}, is trusted here.");
            return ssl;
        }

        private (string Problem, string Remedy)? CertificateProblem(SslPolicyErrors errors, X509ChainStatusFlags chain, X509Certificate2 certificate)
        {
            if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
            {
                return ($"it is not issued for {Host}.", $"Something answers in place of {Host} (a proxy that inspects TLS, or DNS that points elsewhere); make {Host} reach AWS directly or through a proxy tunnel.");
            }

            if ((chain & X509ChainStatusFlags.NotTimeValid) != 0)
            {
                var now = DateTime.UtcNow;
                return ($"it is valid from {certificate.NotBefore.ToUniversalTime():yyyy-MM-dd HH:mm} to {certificate.NotAfter.ToUniversalTime():yyyy-MM-dd HH:mm} UTC, and this server's clock says {now:yyyy-MM-dd HH:mm} UTC.",
                    "If this server's clock is wrong, set it right; otherwise something between this server and AWS presents an outdated certificate.");
            }

            if (errors != SslPolicyErrors.None)
            {
                return ($"its chain does not end at a root this server trusts ({chain}).",
                    "If a proxy inspects TLS, add its root certificate to this server's trusted roots; otherwise update the trusted root certificates (AWS's endpoints chain to Amazon Trust Services).");
            }

            return null;
        }

        private async Task RequestAsync(SslStream ssl, CancellationToken cancellationToken)
        {
            var request = Encoding.ASCII.GetBytes($"GET {target.Url.PathAndQuery} HTTP/1.1\r\nHost: {target.Url.Authority}\r\nUser-Agent: SsmHybridRole-connectivity\r\nConnection: close\r\n\r\n");
            HttpHead head;
            try
            {
                await Within(ssl.WriteAsync(request, 0, request.Length, CancellationToken.None), ssl, cancellationToken).ConfigureAwait(false);
                head = await Within(HttpHead.ReadAsync(ssl), ssl, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or TimeoutException or ObjectDisposedException)
            {
                Add("Https", CheckStatus.Fail, $"{Host} accepted the connection but gave no HTTPS answer: {Reason(e)}.", "Something on the way holds or drops HTTPS requests to AWS (a proxy or filter); allow them through.");
                return;
            }

            var received = DateTime.UtcNow;
            if (head.Headers.TryGetValue("Date", out var date) && DateTime.TryParseExact(date, "r", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var serverTime))
            {
                ClockAhead = received - serverTime;
            }

            var fromAws = head.Headers.Keys.Any(k => k.Equals("x-amzn-RequestId", StringComparison.OrdinalIgnoreCase) || k.Equals("x-amz-request-id", StringComparison.OrdinalIgnoreCase));
            if (fromAws)
            {
                Add("Https", CheckStatus.Pass, $"{Host} answered HTTP {head.Status} (an AWS answer; without credentials an error status is expected).");
            }
            else
            {
                Add("Https", CheckStatus.Warning, $"{Host} answered '{head.StatusLine}', without the request id every AWS answer carries: a proxy or filter may have answered in its place.", "Check that the proxy or filter on the way lets requests to AWS through unchanged.");
            }
        }

        private async Task<T> Within<T>(Task<T> work, IDisposable? abandon, CancellationToken cancellationToken)
        {
            using var delay = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var finished = await Task.WhenAny(work, Task.Delay(timeout, delay.Token)).ConfigureAwait(false);
            if (finished != work)
            {
                abandon?.Dispose();
                _ = work.ContinueWith(t => _ = t.Exception, TaskScheduler.Default);
                cancellationToken.ThrowIfCancellationRequested();
                throw new TimeoutException($"no answer within {timeout.TotalSeconds:0} s");
            }

            delay.Cancel();
            return await work.ConfigureAwait(false);
        }

        private Task<bool> Within(Task work, IDisposable? abandon, CancellationToken cancellationToken)
            => Within(work.ContinueWith(t => { t.GetAwaiter().GetResult(); return true; }, TaskScheduler.Default), abandon, cancellationToken);

        private static string Reason(Exception e)
        {
            while (e.InnerException != null && e is not SocketException)
            {
                e = e.InnerException;
            }

            return e is SocketException socket ? $"{socket.SocketErrorCode} ({socket.Message.TrimEnd('.')})" : e.Message.TrimEnd('.');
        }

        private static bool IsPrivate(IPAddress address)
        {
            var b = address.GetAddressBytes();
            return address.AddressFamily == AddressFamily.InterNetwork && (b[0] == 10 || (b[0] == 172 && b[1] >= 16 && b[1] <= 31) || (b[0] == 192 && b[1] == 168));
        }
    }
}
