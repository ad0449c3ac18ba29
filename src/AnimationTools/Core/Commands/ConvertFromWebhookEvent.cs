using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Security;
using AnimationTools.Core.Cmdlets;
using AnimationTools.Core.Errors;
using AnimationTools.Core.Sessions;
using AnimationTools.Core.Webhooks;
using AnimationTools.Core.Completion;

namespace AnimationTools.Core.Commands
{
    /// <summary>
    /// Verifies a received webhook of one service (its signature over the raw body, secret URL tokens, size, shape)
    /// and turns it into a typed event with Service, EventType and Id. A rejected event is an error and nothing is
    /// returned. DeepMotion is the default service.
    /// </summary>
    [Cmdlet(VerbsData.ConvertFrom, "WebhookEvent", DefaultParameterSetName = TextSet, HelpUri = "https://github.com/animationtools/AnimationTools/blob/main/docs/ConvertFrom-WebhookEvent.md")]
    [OutputType(typeof(IWebhookEvent))]
    public sealed class ConvertFromWebhookEvent : AnimationCmdlet
    {
        public const int DefaultMaxBodyBytes = 64 * 1024;

        const string TextSet = "Body";
        const string BytesSet = "RawBody";

        /// <summary>The raw request body as text (its UTF-8 bytes are what is verified).</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = TextSet, ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string Body { get; set; }

        /// <summary>The raw request body as received, byte for byte.</summary>
        [Parameter(Mandatory = true, ParameterSetName = BytesSet, ValueFromPipelineByPropertyName = true)]
        public byte[] RawBody { get; set; }

        /// <summary>The request headers (name to value).</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [Alias("Header")]
        public IDictionary Headers { get; set; }

        /// <summary>The URL the event was delivered to; needed when DeepMotion secret tokens are in use.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public Uri Url { get; set; }

        /// <summary>Whose event: DeepMotion (the default), Teleport, HourOne or Danim; the -Session's service when one is given.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(WebhookServiceCompleter))]
        [ValidateNotNullOrEmpty]
        public string Service { get; set; }

        /// <summary>The key of HMAC-signed events (Teleport: the organisation's signing secret; Hour One: the webhook's).</summary>
        [Parameter]
        [SecureStringTransformation]
        public SecureString SigningSecret { get; set; }

        /// <summary>DeepMotion: the expected signature, the account's client id (default: the session's).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string ClientId { get; set; }

        /// <summary>DeepMotion: secret URL tokens to require, besides those the session registered.</summary>
        [Parameter]
        public SecureString[] Token { get; set; }

        [Parameter]
        [ValidateRange(256, 16 * 1024 * 1024)]
        public int MaxBodySize { get; set; } = DefaultMaxBodyBytes;

        /// <summary>The session whose account the event must belong to (any service's).</summary>
        [Parameter]
        public ServiceSession Session { get; set; }

        protected override void ProcessItem()
        {
            WebhookReceiver receiver = null;
            try
            {
                receiver = WebhookReceivers.For(StartWebhookListener.ServiceOf(Service, Session));
            }
            catch (AnimationToolsException invalid)
            {
                ThrowFailure(invalid);
            }
            var options = new WebhookOptions { MaxBodyBytes = MaxBodySize, SigningSecret = SigningSecret, Tokens = Token, ClientId = ClientId };
            var session = receiver.NeedsSession(options) ? ResolveSession(Session, receiver.Service, "Connect-" + receiver.Service) : Session;
            IWebhookVerifier verifier = null;
            try
            {
                verifier = receiver.CreateVerifier(session, options);
            }
            catch (AnimationToolsException invalid)
            {
                ThrowFailure(invalid);
            }
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (DictionaryEntry entry in Headers)
            {
                var value = entry.Value is PSObject wrapped ? wrapped.BaseObject : entry.Value;
                headers[entry.Key.ToString()] = value is IEnumerable list && !(value is string) ? string.Join(", ", list.Cast<object>()) : value?.ToString();
            }
            var received = ParameterSetName == BytesSet ? new ReceivedWebhook(RawBody, headers, Url) : new ReceivedWebhook(Body, headers, Url);
            WriteObject(verifier.Verify(received));
        }
    }
}
