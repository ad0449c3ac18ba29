using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Security;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using AnimationTools.Core.Errors;
using AnimationTools.Core.Http;
using AnimationTools.Core.Sessions;
using Flurl;
using Flurl.Http;

namespace AnimationTools.DeepMotion.Webhooks
{
    /// <summary>Webhook endpoint management (contract §12.1).</summary>
    sealed class WebhookEndpointClient
    {
        public const string TokenParameter = "token";
        public static readonly string[] KnownEvents = { "job.completed" };

        readonly DeepMotionSession _session;

        public WebhookEndpointClient(DeepMotionSession session)
        {
            _session = session;
        }

        HttpPipeline Http => _session.Http;

        public static Uri ValidateUrl(string url)
        {
            var uri = EndpointPolicy.Validate(DeepMotionSession.ServiceName, url, "webhook URL");
            if (uri.Query.Contains(TokenParameter + "="))
            {
                throw new AnimationToolsException("DeepMotion.InvalidParameter.Url", ErrorCategory.InvalidArgument,
                    $"The webhook URL already has a '{TokenParameter}' parameter; use -WithSecretToken to add one.");
            }
            return uri;
        }

        public static string[] ValidateEvents(string[] events)
        {
            if (events == null || events.Length == 0)
            {
                throw new AnimationToolsException("DeepMotion.InvalidParameter.Event", ErrorCategory.InvalidArgument, "Give at least one event type.");
            }
            foreach (var name in events)
            {
                if (!KnownEvents.Contains(name, StringComparer.Ordinal))
                {
                    throw new AnimationToolsException("DeepMotion.InvalidParameter.Event", ErrorCategory.InvalidArgument,
                        $"'{name}' is not a DeepMotion event type ({string.Join(", ", KnownEvents)}).");
                }
            }
            return events.Distinct().ToArray();
        }

        public async Task<WebhookEndpoint> CreateAsync(Uri url, string[] events, bool withSecretToken, CancellationToken cancellationToken)
        {
            var registered = withSecretToken ? AddToken(url, NewToken()) : url.AbsoluteUri;
            var body = new WebhookEndpointBody { Url = registered, Events = events.ToList() };
            var wire = await Http.Request("webhook_endpoints").PostJsonAsync(body, cancellationToken: cancellationToken)
                .ReceiveJson<WebhookEndpointWire>().ConfigureAwait(false);
            return ToEndpoint(wire);
        }

        public async Task<WebhookEndpoint> GetAsync(string id, CancellationToken cancellationToken)
        {
            var wire = await Endpoint(id).GetJsonAsync<WebhookEndpointWire>(cancellationToken: cancellationToken).ConfigureAwait(false);
            return ToEndpoint(wire);
        }

        public async Task<List<WebhookEndpoint>> ListAsync(CancellationToken cancellationToken)
        {
            var list = await Http.Request("webhook_endpoints").GetJsonAsync<WebhookEndpointList>(cancellationToken: cancellationToken).ConfigureAwait(false);
            return (list.Endpoints ?? new List<WebhookEndpointWire>()).Select(ToEndpoint).ToList();
        }

        /// <summary>POST /webhook_endpoints/{id}: a field left null keeps its value.</summary>
        public async Task<WebhookEndpoint> UpdateAsync(string id, Uri url, string[] events, bool withSecretToken, CancellationToken cancellationToken)
        {
            var body = new WebhookEndpointBody
            {
                Url = url == null ? null : (withSecretToken ? AddToken(url, NewToken()) : url.AbsoluteUri),
                Events = events?.ToList(),
            };
            var wire = await Endpoint(id).PostJsonAsync(body, cancellationToken: cancellationToken).ReceiveJson<WebhookEndpointWire>().ConfigureAwait(false);
            return ToEndpoint(wire);
        }

        public async Task DeleteAsync(string id, CancellationToken cancellationToken)
        {
            var wire = await Endpoint(id).DeleteAsync(cancellationToken: cancellationToken).ReceiveJson<WebhookEndpointWire>().ConfigureAwait(false);
            if (wire.Deleted == false)
            {
                throw new AnimationToolsException("DeepMotion.WebhookNotDeleted", ErrorCategory.InvalidResult, $"DeepMotion did not delete webhook endpoint '{id}'.", null, id);
            }
        }

        IFlurlRequest Endpoint(string id) => Http.Request("webhook_endpoints").AppendPathSegment(id, fullyEncode: true);

        /// <summary>The endpoint as users see it; a token found in its URL is remembered by the session for receivers.</summary>
        WebhookEndpoint ToEndpoint(WebhookEndpointWire wire)
        {
            SecureString token = null;
            if (Uri.TryCreate(wire.Url, UriKind.Absolute, out var uri))
            {
                var value = new Core.Webhooks.ReceivedWebhook("", null, uri).QueryValue(TokenParameter);
                if (!string.IsNullOrEmpty(value))
                {
                    token = ClientCredential.ToSecureString(value);
                    _session.WebhookTokens.Remember(value);
                }
            }
            return new WebhookEndpoint(wire.Id, wire.Url, wire.Events, token);
        }

        static string AddToken(Uri url, string token) => new Url(url.AbsoluteUri).SetQueryParam(TokenParameter, token).ToString();

        static string NewToken()
        {
            var bytes = new byte[32];
            using (var random = RandomNumberGenerator.Create())
            {
                random.GetBytes(bytes);
            }
            return Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        }
    }
}
