using System.Management.Automation;
using System.Text.Json;
using AnimationTools.Core.Errors;
using AnimationTools.Core.Webhooks;

namespace AnimationTools.Teleport.Webhooks
{
    /// <summary>
    /// Verifies a Teleport event before reading it: the body is bounded, and <c>X-Teleport-Signature</c> must be the
    /// lowercase hex HMAC-SHA256 of the raw body bytes with the organisation's signing secret (compared in constant
    /// time). Only then is the JSON parsed: <c>{"eid", "sid", "state", "error_reason"}</c>.
    /// </summary>
    sealed class TeleportWebhookVerifier : IWebhookVerifier
    {
        public const string SignatureHeader = "X-Teleport-Signature";

        readonly byte[] _key;

        public TeleportWebhookVerifier(byte[] key, int maxBodyBytes)
        {
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
            var signature = webhook.Header(SignatureHeader);
            if (string.IsNullOrWhiteSpace(signature))
            {
                throw Rejected("InvalidSignature", ErrorCategory.SecurityError, $"The event has no {SignatureHeader} header.");
            }
            if (!HmacSignature.Matches(_key, webhook.RawBody, signature))
            {
                throw Rejected("InvalidSignature", ErrorCategory.SecurityError, $"The event's {SignatureHeader} is not the HMAC-SHA256 of its body with the signing secret.");
            }
            return Parse(webhook);
        }

        static TeleportWebhookEvent Parse(ReceivedWebhook webhook)
        {
            try
            {
                using (var document = JsonDocument.Parse(webhook.RawBody))
                {
                    var root = document.RootElement;
                    if (root.ValueKind != JsonValueKind.Object)
                    {
                        throw Rejected("MalformedEvent", ErrorCategory.InvalidData, "The event is not a JSON object.");
                    }
                    var eid = Text(root, "eid");
                    var state = Text(root, "state");
                    if (string.IsNullOrEmpty(eid) || string.IsNullOrEmpty(state))
                    {
                        throw Rejected("MalformedEvent", ErrorCategory.InvalidData, "The event needs eid and state.");
                    }
                    return new TeleportWebhookEvent
                    {
                        Eid = eid,
                        Sid = Text(root, "sid"),
                        State = state,
                        ErrorReason = Text(root, "error_reason"),
                        ReceivedAt = webhook.ReceivedAt,
                    };
                }
            }
            catch (JsonException ex)
            {
                throw Rejected("MalformedEvent", ErrorCategory.InvalidData, "The event body is not JSON: " + ex.Message);
            }
        }

        static string Text(JsonElement root, string name) =>
            root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

        static AnimationToolsException Rejected(string reason, ErrorCategory category, string message) =>
            new AnimationToolsException("Teleport.Webhook." + reason, category, "Webhook event rejected: " + message);
    }
}
