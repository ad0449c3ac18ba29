using System.Management.Automation;
using System.Text.Json;
using AnimationTools.Core.Errors;
using AnimationTools.Core.Webhooks;

namespace AnimationTools.HourOne.Webhooks
{
    /// <summary>
    /// Verifies an Hour One event before reading it: the body is bounded, and <c>x-hourone-signature</c> must be the
    /// lowercase hex HMAC-SHA256 of the raw body bytes with the webhook's signing secret (compared in constant time).
    /// Only then is the JSON parsed: <c>{"event_name", "data": {"id", "req_id", "draft_id", "status"}}</c>.
    /// </summary>
    sealed class HourOneWebhookVerifier : IWebhookVerifier
    {
        public const string SignatureHeader = "x-hourone-signature";

        readonly byte[] _key;

        public HourOneWebhookVerifier(byte[] key, int maxBodyBytes)
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

        static HourOneWebhookEvent Parse(ReceivedWebhook webhook)
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
                    var name = Text(root, "event_name");
                    if (!root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
                    {
                        throw Rejected("MalformedEvent", ErrorCategory.InvalidData, "The event has no data object.");
                    }
                    var id = Text(data, "id");
                    if (string.IsNullOrEmpty(name) || string.IsNullOrEmpty(id))
                    {
                        throw Rejected("MalformedEvent", ErrorCategory.InvalidData, "The event needs event_name and data.id.");
                    }
                    return new HourOneWebhookEvent
                    {
                        EventType = name,
                        VideoId = id,
                        Status = Text(data, "status"),
                        DraftId = Text(data, "draft_id"),
                        RequestId = Text(data, "req_id"),
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
            new AnimationToolsException("HourOne.Webhook." + reason, category, "Webhook event rejected: " + message);
    }
}
