using System.Text.Json;
using AnimationTools.Core.Webhooks;

namespace AnimationTools.HourOne.Webhooks
{
    /// <summary>
    /// Verifies an Hour One event: <c>x-hourone-signature</c> is the HMAC-SHA256 of the raw body with the webhook's
    /// signing secret; the body is <c>{"event_name", "data": {"id", "req_id", "draft_id", "status"}}</c>.
    /// </summary>
    sealed class HourOneWebhookVerifier : HmacWebhookVerifier
    {
        public const string SignatureHeader = "x-hourone-signature";

        public HourOneWebhookVerifier(byte[] key, int maxBodyBytes)
            : base("HourOne", SignatureHeader, key, maxBodyBytes)
        {
        }

        protected override object ParseEvent(JsonElement root, ReceivedWebhook webhook)
        {
            var name = Text(root, "event_name");
            if (!root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
            {
                throw Malformed("The event has no data object.");
            }
            var id = Text(data, "id");
            if (string.IsNullOrEmpty(name) || string.IsNullOrEmpty(id))
            {
                throw Malformed("The event needs event_name and data.id.");
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
}
