using System.IO;
using System.Net;
using System.Text;

namespace SsmHybridRole.Engine.Connectivity
{
    /// <summary>
    /// Which proxy an HTTPS request to an endpoint takes (an explicit one, or the system's as .NET reads it:
    /// the environment's HTTPS_PROXY and NO_PROXY on Linux and macOS, the Internet Options on Windows), and
    /// opening a tunnel through it with HTTP CONNECT, as SSM Agent and every HTTPS client do.
    /// </summary>
    internal static class ProxyTunnel
    {
        private static readonly char[] Colon = { ':' };

        /// <summary>The proxy for <paramref name="url"/>, or null to go direct.</summary>
        public static Uri? For(Uri url, Uri? explicitProxy, bool noProxy)
        {
            if (noProxy)
            {
                return null;
            }

            if (explicitProxy != null)
            {
                return explicitProxy;
            }

            var system = WebRequest.DefaultWebProxy;
            if (system is null || system.IsBypassed(url))
            {
                return null;
            }

            var proxy = system.GetProxy(url);
            return proxy is null || proxy == url ? null : proxy;
        }

        /// <summary>A proxy URL without the user name and password it may carry: safe to show.</summary>
        public static string Masked(Uri proxy) => proxy.IsAbsoluteUri ? proxy.Scheme + "://" + proxy.Authority : proxy.OriginalString;

        /// <summary>
        /// Asks the proxy, on an open connection to it, for a tunnel to host:port. Returns null when it opened
        /// one, else the status line it answered with.
        /// </summary>
        public static async Task<string?> ConnectAsync(Stream proxyStream, Uri proxy, string host, int port)
        {
            var request = new StringBuilder()
                .Append("CONNECT ").Append(host).Append(':').Append(port).Append(" HTTP/1.1\r\n")
                .Append("Host: ").Append(host).Append(':').Append(port).Append("\r\n");
            var credentials = Credentials(proxy);
            if (credentials != null)
            {
                request.Append("Proxy-Authorization: Basic ").Append(Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials.UserName + ":" + credentials.Password))).Append("\r\n");
            }

            var bytes = Encoding.ASCII.GetBytes(request.Append("\r\n").ToString());
            await proxyStream.WriteAsync(bytes, 0, bytes.Length).ConfigureAwait(false);
            var head = await HttpHead.ReadAsync(proxyStream).ConfigureAwait(false);
            return head.Status is >= 200 and < 300 ? null : head.StatusLine;
        }

        private static NetworkCredential? Credentials(Uri proxy)
        {
            if (!string.IsNullOrEmpty(proxy.UserInfo))
            {
                var parts = proxy.UserInfo.Split(Colon, 2);
                return new NetworkCredential(Uri.UnescapeDataString(parts[0]), parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : string.Empty);
            }

            return WebRequest.DefaultWebProxy?.Credentials?.GetCredential(proxy, "Basic") is { UserName.Length: > 0 } system ? system : null;
        }
    }

    /// <summary>The status line and headers of an HTTP answer, read from a stream up to the blank line.</summary>
    internal sealed class HttpHead
    {
        private static readonly string[] LineEnd = { "\r\n" };

        private HttpHead(string statusLine, int status, IReadOnlyDictionary<string, string> headers)
        {
            StatusLine = statusLine;
            Status = status;
            Headers = headers;
        }

        public string StatusLine { get; }

        public int Status { get; }

        public IReadOnlyDictionary<string, string> Headers { get; }

        public static async Task<HttpHead> ReadAsync(Stream stream)
        {
            var buffer = new List<byte>();
            var one = new byte[1];
            while (buffer.Count < 65536)
            {
                if (await stream.ReadAsync(one, 0, 1).ConfigureAwait(false) == 0)
                {
                    break;
                }

                buffer.Add(one[0]);
                if (buffer.Count >= 4 && buffer[buffer.Count - 1] == '\n' && buffer[buffer.Count - 2] == '\r' && buffer[buffer.Count - 3] == '\n' && buffer[buffer.Count - 4] == '\r')
                {
                    break;
                }
            }

            var lines = Encoding.ASCII.GetString(buffer.ToArray()).Split(LineEnd, StringSplitOptions.None);
            if (lines.Length == 0 || !lines[0].StartsWith("HTTP/", StringComparison.Ordinal))
            {
                throw new IOException(buffer.Count == 0 ? "the connection was closed without an answer" : "the answer was not HTTP");
            }

            var parts = lines[0].Split(' ');
            var status = parts.Length > 1 && int.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var code) ? code : 0;
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var line in lines.Skip(1).Where(l => l.Contains(":")))
            {
                var colon = line.IndexOf(':');
                headers[line.Substring(0, colon).Trim()] = line.Substring(colon + 1).Trim();
            }

            return new HttpHead(lines[0], status, headers);
        }
    }
}
