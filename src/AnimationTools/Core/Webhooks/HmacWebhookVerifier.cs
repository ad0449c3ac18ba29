using System.Management.Automation;
using System.Text.Json;
using AnimationTools.Core.Errors;

namespace AnimationTools.Core.Webhooks
{
    /// <summary>
    /// Verifies an event signed with HMAC-SHA256 of its raw body (lowercase hex in a header) before reading it: the body
    /// is bounded, the signature compared in constant time, and only then is the JSON object handed to the service's
    /// <see cref="ParseEvent"/>. Rejections are <c>{Service}.Webhook.{Reason}</c>.
    /// </summary>
    public abstract class HmacWebhookVerifier : IWebhookVerifier
    {
        readonly string _service;
        readonly string _header;
        readonly byte[] _key;

        protected HmacWebhookVerifier(string service, string signatureHeader, byte[] key, int maxBodyBytes)
        {
            _service = service;
            _header = signatureHeader;
            _key = key;
            MaxBodyBytes = maxBodyBytes;
        }

        public int MaxBodyBytes { get; }

        public object Verify(ReceivedWebhook webhook)
        {
            if (webhook.RawBody.Length > MaxBodyBytes)
            {
                throw Rejected("BodyTooLarge", ErrorCategory.LimitsExceeded, $"The event body is larger than {MaxBodyBytes} bytes.");
            }
            var signature = webhook.Header(_header);
            if (string.IsNullOrWhiteSpace(signature))
            {
                throw Rejected("InvalidSignature", ErrorCategory.SecurityError, $"The event has no {_header} header.");
            }
            if (!HmacSignature.Matches(_key, webhook.RawBody, signature))
            {
                throw Rejected("InvalidSignature", ErrorCategory.SecurityError, $"The event's {_header} is not the HMAC-SHA256 of its body with the signing secret.");
            }
            try
            {
                using (var document = JsonDocument.Parse(webhook.RawBody))
                {
                    if (document.RootElement.ValueKind != JsonValueKind.Object)
                    {
                        throw Rejected("MalformedEvent", ErrorCategory.InvalidData, "The event is not a JSON object.");
                    }
                    return ParseEvent(document.RootElement, webhook);
                }
            }
            catch (JsonException ex)
            {
                throw Rejected("MalformedEvent", ErrorCategory.InvalidData, "The event body is not JSON: " + ex.Message);
            }
        }

        /// <summary>The service's event from a verified body's JSON object; throws <see cref="Malformed"/> when fields are missing.</summary>
        protected abstract object ParseEvent(JsonElement root, ReceivedWebhook webhook);

        protected AnimationToolsException Malformed(string message) => Rejected("MalformedEvent", ErrorCategory.InvalidData, message);

        protected static string Text(JsonElement element, string name) =>
            element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

        AnimationToolsException Rejected(string reason, ErrorCategory category, string message) =>
            new AnimationToolsException(_service + ".Webhook." + reason, category, "Webhook event rejected: " + message);
    }
}
