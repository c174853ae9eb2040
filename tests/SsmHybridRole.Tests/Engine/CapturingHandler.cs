using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using SsmHybridRole.Engine.Connections;

namespace SsmHybridRole.Tests.Engine
{
    /// <summary>
    /// Sees every request the module's clients send, as they leave the SDK: signed, with their final URL. It either
    /// answers in place of the network with AccessDenied (nothing leaves the process) or passes the request on.
    /// Installed for one test through the HTTP factory every client is made with.
    /// </summary>
    public sealed class CapturingHandler : DelegatingHandler
    {
        private readonly bool forward;

        private CapturingHandler(HttpMessageHandler inner, bool forward)
            : base(inner)
        {
            this.forward = forward;
        }

        public ConcurrentQueue<Sent> Requests { get; } = new ConcurrentQueue<Sent>();

        /// <summary>Captures every client made while the returned scope lives.</summary>
        public static Scope Install(bool forward = false) => new Scope(forward);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
            Requests.Enqueue(new Sent(request.RequestUri!, request.Headers.TryGetValues("Authorization", out var values) ? values.First() : null, body));
            if (forward)
            {
                return await base.SendAsync(request, cancellationToken);
            }

            var json = request.Content?.Headers.ContentType?.MediaType?.Contains("json", StringComparison.Ordinal) == true;
            return new HttpResponseMessage(HttpStatusCode.Forbidden)
            {
                Content = json
                    ? new StringContent("{\"__type\":\"AccessDeniedException\",\"message\":\"captured\"}", Encoding.UTF8, "application/x-amz-json-1.1")
                    : new StringContent("<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>captured</Message></Error><RequestId>0</RequestId></ErrorResponse>", Encoding.UTF8, "text/xml"),
            };
        }

        /// <summary>A request as sent: its URL, the Region its SigV4 signature is scoped to, and its body.</summary>
        public sealed record Sent(Uri Uri, string? Authorization, string Body)
        {
            /// <summary>The Region of the SigV4 credential scope (AKID/date/REGION/service/aws4_request).</summary>
            public string? SigningRegion => Authorization?.Split("Credential=", 2).ElementAtOrDefault(1)?.Split(',')[0].Split('/').ElementAtOrDefault(2);
        }

        public sealed class Scope : IDisposable
        {
            private readonly Func<HttpMessageHandler, HttpMessageHandler>? previous = HttpSettings.WrapHandler;

            internal Scope(bool forward)
            {
                HttpSettings.WrapHandler = inner =>
                {
                    var handler = new CapturingHandler(inner, forward);
                    Handlers.Enqueue(handler);
                    return handler;
                };
            }

            private ConcurrentQueue<CapturingHandler> Handlers { get; } = new ConcurrentQueue<CapturingHandler>();

            /// <summary>Every request any client sent, in no particular order across clients.</summary>
            public Sent[] Requests => Handlers.SelectMany(h => h.Requests).ToArray();

            /// <summary>Connections made meanwhile stay cached with their handlers: each test uses keys of its own.</summary>
            public void Dispose() => HttpSettings.WrapHandler = previous;
        }
    }
}
