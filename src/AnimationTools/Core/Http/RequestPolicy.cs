using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using Flurl.Http;

namespace AnimationTools.Core.Http
{
    /// <summary>
    /// How the pipeline treats one request: whether it is signed, retried, may be sent twice, how long one attempt may
    /// take and which unsuccessful statuses its caller handles itself. Set it fluently on a Flurl request
    /// (<see cref="RequestPolicyExtensions"/>); the pipeline's handlers read it from the request message.
    /// </summary>
    public sealed class RequestPolicy
    {
        const string PropertyKey = "AnimationTools.RequestPolicy";

        /// <summary>What a request gets when nothing was set: signed, idempotent, retried, the session's timeout.</summary>
        public static readonly RequestPolicy Default = new RequestPolicy();

        readonly HashSet<int> _accepted = new HashSet<int>();

        /// <summary>Whether the session's authenticator signs the request (only ever on the session's own URLs).</summary>
        public bool Authenticate { get; internal set; } = true;

        /// <summary>
        /// False for a call that starts paid work: after an ambiguous failure it is never retried by the pipeline;
        /// the caller gets an AmbiguousRequestException and must look the work up first.
        /// </summary>
        public bool Idempotent { get; internal set; } = true;

        /// <summary>False to make a single attempt (the caller has its own recovery, like a resumable upload).</summary>
        public bool Retry { get; internal set; } = true;

        /// <summary>Time limit of one attempt; the session's <see cref="RetrySettings.RequestTimeout"/> when null.</summary>
        public TimeSpan? AttemptTimeout { get; internal set; }

        /// <summary>
        /// Whether the caller reads the body as a stream (downloads): an attempt then ends with the headers, and the
        /// body is not buffered.
        /// </summary>
        public bool StreamsResponse { get; internal set; }

        /// <summary>Unsuccessful statuses the caller handles itself (308 of a resumable upload, 416 of a resumed download).</summary>
        public IReadOnlyCollection<int> AcceptedStatuses => _accepted;

        /// <summary>Whether the caller handles this status itself.</summary>
        public bool Accepts(int status) => _accepted.Contains(status);

        internal void Accept(IEnumerable<int> statuses) => _accepted.UnionWith(statuses);

        /// <summary>The policy of a request message (the default one when its request set none).</summary>
        public static RequestPolicy Of(HttpRequestMessage message)
        {
            return message != null && message.Properties.TryGetValue(PropertyKey, out var value) && value is RequestPolicy policy ? policy : Default;
        }

        /// <summary>The policy of a Flurl request, created on first use; Flurl copies it to the requests of followed redirects.</summary>
        internal static RequestPolicy Of(IFlurlRequest request)
        {
            var carrier = request.EventHandlers.Select(h => h.Item2).OfType<Carrier>().FirstOrDefault();
            if (carrier == null)
            {
                carrier = new Carrier(new RequestPolicy());
                request.EventHandlers.Add((FlurlEventType.BeforeCall, carrier));
            }
            return carrier.Policy;
        }

        /// <summary>Puts the policy on the request message before it enters the handlers.</summary>
        sealed class Carrier : FlurlEventHandler
        {
            public Carrier(RequestPolicy policy)
            {
                Policy = policy;
            }

            public RequestPolicy Policy { get; }

            public override void Handle(FlurlEventType eventType, FlurlCall call)
            {
                call.HttpRequestMessage.Properties[PropertyKey] = Policy;
            }
        }
    }

    /// <summary>The fluent way to set a request's <see cref="RequestPolicy"/>: <c>Http.Request("process").NotIdempotent().PostJsonAsync(body)</c>.</summary>
    public static class RequestPolicyExtensions
    {
        /// <summary>Sends the request unsigned (login requests, signed storage URLs).</summary>
        public static IFlurlRequest WithoutAuthentication(this IFlurlRequest request)
        {
            RequestPolicy.Of(request).Authenticate = false;
            return request;
        }

        /// <summary>Marks a request that starts paid work: never sent twice by the pipeline when its outcome is unknown.</summary>
        public static IFlurlRequest NotIdempotent(this IFlurlRequest request)
        {
            RequestPolicy.Of(request).Idempotent = false;
            return request;
        }

        /// <summary>Makes a single attempt: the caller recovers by itself.</summary>
        public static IFlurlRequest WithoutRetry(this IFlurlRequest request)
        {
            RequestPolicy.Of(request).Retry = false;
            return request;
        }

        /// <summary>Limits each attempt of this request to <paramref name="timeout"/> instead of the session's default.</summary>
        public static IFlurlRequest WithAttemptTimeout(this IFlurlRequest request, TimeSpan timeout)
        {
            RequestPolicy.Of(request).AttemptTimeout = timeout;
            return request;
        }

        /// <summary>The caller reads the body as a stream; send it with HttpCompletionOption.ResponseHeadersRead.</summary>
        public static IFlurlRequest StreamResponse(this IFlurlRequest request)
        {
            RequestPolicy.Of(request).StreamsResponse = true;
            return request;
        }

        /// <summary>Statuses the caller handles itself: they are neither retried nor turned into errors.</summary>
        public static IFlurlRequest AcceptStatus(this IFlurlRequest request, params int[] statuses)
        {
            RequestPolicy.Of(request).Accept(statuses);
            return request;
        }
    }
}
