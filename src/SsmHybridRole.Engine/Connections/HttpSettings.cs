using System.Net;
using System.Net.Http;
using System.Reflection;
using Amazon.Runtime;

namespace SsmHybridRole.Engine.Connections
{
    /// <summary>
    /// How every request of a connection travels: time limits set explicitly (the SDK applies its own only on some
    /// runtimes, and not in the netstandard2.0 build this module ships), and the proxy. The proxy is the one AWS
    /// Tools set for the session, else HTTPS_PROXY / HTTP_PROXY (either case) with NO_PROXY,
    /// as the AWS CLI reads them. Each client of the connection gets its HttpClient from its factory.
    /// </summary>
    internal sealed class HttpSettings
    {
        private HttpSettings(TimeSpan connectTimeout, TimeSpan requestTimeout, IWebProxy? proxy, string proxyKey)
        {
            ConnectTimeout = connectTimeout;
            RequestTimeout = requestTimeout;
            Proxy = proxy;
            Key = $"{connectTimeout.TotalMilliseconds}|{requestTimeout.TotalMilliseconds}|{proxyKey}";
#if !NETFRAMEWORK
            Factory = new ModuleHttpClientFactory(this);
#endif
        }

        /// <summary>Tests only: a handler that answers in place of the network (it sees each request as sent).</summary>
        internal static Func<HttpMessageHandler, HttpMessageHandler>? WrapHandler { get; set; }

        /// <summary>The longest wait for a connection to open: SSMHYBRIDROLE_CONNECT_TIMEOUT, else 10 s.</summary>
        public TimeSpan ConnectTimeout { get; }

        /// <summary>The longest wait for one whole request and its answer: SSMHYBRIDROLE_REQUEST_TIMEOUT, else 60 s.</summary>
        public TimeSpan RequestTimeout { get; }

        public IWebProxy? Proxy { get; }

        /// <summary>The settings in one text, for the connection's cache key; it holds no proxy password.</summary>
        public string Key { get; }

#if !NETFRAMEWORK
        // The net472 build is a compile check only: the module ships the netstandard2.0 build on every PowerShell,
        // and that build of AWSSDK.Core sends through HttpClient, which this factory makes.
        public HttpClientFactory Factory { get; }
#endif

        public static HttpSettings Resolve(SessionProxy? sessionProxy)
        {
            var connect = CredentialContext.Seconds("SSMHYBRIDROLE_CONNECT_TIMEOUT", 10);
            var request = CredentialContext.Seconds("SSMHYBRIDROLE_REQUEST_TIMEOUT", 60);
            if (sessionProxy != null)
            {
                var host = sessionProxy.Host.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ? sessionProxy.Host.Substring(7) : sessionProxy.Host;
                var proxy = new WebProxy(host, sessionProxy.Port) { BypassList = sessionProxy.BypassList.ToArray(), BypassProxyOnLocal = sessionProxy.BypassOnLocal, Credentials = sessionProxy.Credentials };
                return new HttpSettings(connect, request, proxy, $"session:{host}:{sessionProxy.Port}:{string.Join(",", sessionProxy.BypassList)}:{sessionProxy.BypassOnLocal}");
            }

            var http = Variable("HTTP_PROXY");
            var https = Variable("HTTPS_PROXY");
            var noProxy = Variable("NO_PROXY");
            return new HttpSettings(connect, request, http is null && https is null ? null : new EnvironmentProxy(http, https, noProxy), $"env:{http}|{https}|{noProxy}");
        }

        private static string? Variable(string name) => EnvironmentVariables.FirstSet(EnvironmentVariables.Read(name), EnvironmentVariables.Read(name.ToLowerInvariant()));

        /// <summary>
        /// The handler: SocketsHttpHandler with its connect limit where the runtime has it (PowerShell 7), else
        /// HttpClientHandler (Windows PowerShell 5.1), where the whole-request limit bounds the connect as well.
        /// </summary>
        internal HttpMessageHandler CreateHandler()
        {
            HttpMessageHandler handler;
            var sockets = Type.GetType("System.Net.Http.SocketsHttpHandler, System.Net.Http", throwOnError: false);
            if (sockets != null)
            {
                handler = (HttpMessageHandler)Activator.CreateInstance(sockets)!;
                sockets.GetProperty("ConnectTimeout", BindingFlags.Public | BindingFlags.Instance)?.SetValue(handler, ConnectTimeout);
                sockets.GetProperty("UseProxy")?.SetValue(handler, Proxy != null);
                sockets.GetProperty("Proxy")?.SetValue(handler, Proxy);
            }
            else
            {
                handler = new HttpClientHandler { UseProxy = Proxy != null, Proxy = Proxy };
            }

            return WrapHandler?.Invoke(handler) ?? handler;
        }

#if !NETFRAMEWORK
        /// <summary>The SDK asks this for each client's HttpClient; it caches one per distinct settings.</summary>
        private sealed class ModuleHttpClientFactory : HttpClientFactory
        {
            private readonly HttpSettings settings;

            public ModuleHttpClientFactory(HttpSettings settings) => this.settings = settings;

            public override HttpClient CreateHttpClient(IClientConfig clientConfig)
                => new HttpClient(settings.CreateHandler(), disposeHandler: true) { Timeout = settings.RequestTimeout };

            public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => WrapHandler is null;

            public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;

            public override string GetConfigUniqueString(IClientConfig clientConfig) => "SsmHybridRole:" + settings.Key;
        }
#endif

        /// <summary>HTTP_PROXY for http://, HTTPS_PROXY for https://, except for the hosts NO_PROXY names (a host, a domain suffix, or *).</summary>
        private sealed class EnvironmentProxy : IWebProxy
        {
            private static readonly char[] Separators = { ',', ' ' };
            private readonly Uri? http;
            private readonly Uri? https;
            private readonly string[] bypass;

            public EnvironmentProxy(string? http, string? https, string? noProxy)
            {
                this.http = Parse(http);
                this.https = Parse(https) ?? this.http;
                bypass = (noProxy ?? string.Empty).Split(Separators, StringSplitOptions.RemoveEmptyEntries).Select(h => h.Trim().TrimStart('*').TrimStart('.').ToLowerInvariant()).ToArray();
            }

            public ICredentials? Credentials { get; set; }

            public Uri? GetProxy(Uri destination) => destination?.Scheme == Uri.UriSchemeHttps ? https : http;

            public bool IsBypassed(Uri host)
            {
                if (host is null || GetProxy(host) is null)
                {
                    return true;
                }

                var name = host.Host.Trim('[', ']').ToLowerInvariant();
                return bypass.Any(b => b.Length == 0 || name == b || name.EndsWith("." + b, StringComparison.Ordinal));
            }

            private static Uri? Parse(string? value)
                => value is null ? null : Uri.TryCreate(value.Contains("://") ? value : "http://" + value, UriKind.Absolute, out var uri) ? uri : null;
        }
    }
}
