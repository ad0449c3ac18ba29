using System.Text.Json;
using AnimationTools.Core.Webhooks;

namespace AnimationTools.Teleport.Webhooks
{
    /// <summary>
    /// Verifies a Teleport event: <c>X-Teleport-Signature</c> is the HMAC-SHA256 of the raw body with the organisation's
    /// signing secret; the body is <c>{"eid", "sid", "state", "error_reason"}</c>.
    /// </summary>
    sealed class TeleportWebhookVerifier : HmacWebhookVerifier
    {
        public const string SignatureHeader = "X-Teleport-Signature";

        public TeleportWebhookVerifier(byte[] key, int maxBodyBytes)
            : base("Teleport", SignatureHeader, key, maxBodyBytes)
        {
        }

        protected override object ParseEvent(JsonElement root, ReceivedWebhook webhook)
        {
            var eid = Text(root, "eid");
            var state = Text(root, "state");
            if (string.IsNullOrEmpty(eid) || string.IsNullOrEmpty(state))
            {
                throw Malformed("The event needs eid and state.");
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
}
