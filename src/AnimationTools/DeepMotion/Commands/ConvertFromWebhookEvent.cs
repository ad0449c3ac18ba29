using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Security;
using AnimationTools.Core.Cmdlets;
using AnimationTools.Core.Errors;
using AnimationTools.Core.Webhooks;
using AnimationTools.DeepMotion.Webhooks;

namespace AnimationTools.DeepMotion.Commands
{
    /// <summary>
    /// Verifies a received DeepMotion webhook (signature, secret URL token, size, shape) and turns it into a typed event.
    /// A rejected event is an error and nothing is returned.
    /// </summary>
    [Cmdlet(VerbsData.ConvertFrom, "WebhookEvent")]
    [OutputType(typeof(DeepMotionWebhookEvent))]
    public sealed class ConvertFromWebhookEvent : AnimationCmdlet
    {
        public const int DefaultMaxBodyBytes = 64 * 1024;

        /// <summary>The raw request body.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string Body { get; set; }

        /// <summary>The request headers (name to value).</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [Alias("Header")]
        public IDictionary Headers { get; set; }

        /// <summary>The URL the event was delivered to; needed when secret tokens are in use.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public Uri Url { get; set; }

        /// <summary>The expected signature: the account's client id (default: the session's).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string ClientId { get; set; }

        /// <summary>Secret URL tokens to require, besides those the session registered.</summary>
        [Parameter]
        public SecureString[] Token { get; set; }

        [Parameter]
        [ValidateRange(256, 16 * 1024 * 1024)]
        public int MaxBodySize { get; set; } = DefaultMaxBodyBytes;

        [Parameter]
        public DeepMotionSession Session { get; set; }

        protected override void ProcessItem()
        {
            var session = ClientId == null ? ResolveSession(Session, DeepMotionSession.ServiceName, "Connect-DeepMotion") : Session;
            var tokens = WebhookTokenSet.Reveal(Token).Concat(session?.WebhookTokens.Snapshot() ?? new string[0]).ToArray();
            var verifier = new DeepMotionWebhookVerifier(ClientId ?? session.ClientId, () => tokens, MaxBodySize);
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (DictionaryEntry entry in Headers)
            {
                var value = entry.Value is PSObject wrapped ? wrapped.BaseObject : entry.Value;
                headers[entry.Key.ToString()] = value is IEnumerable list && !(value is string) ? string.Join(", ", list.Cast<object>()) : value?.ToString();
            }
            WriteObject(verifier.Verify(new ReceivedWebhook(Body, headers, Url)));
        }
    }
}
