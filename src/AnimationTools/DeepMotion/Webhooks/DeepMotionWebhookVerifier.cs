using System;
using System.Linq;
using System.Management.Automation;
using System.Text;
using System.Text.Json;
using AnimationTools.Core.Errors;
using AnimationTools.Core.Webhooks;

namespace AnimationTools.DeepMotion.Webhooks
{
    /// <summary>
    /// Verifies a DeepMotion event before reading it: the body is bounded, <c>X-DeepMotion-Signature</c> must equal the
    /// client id (the service signs with nothing stronger), and when secret URL tokens are known the URL must carry one.
    /// Only then is the body parsed.
    /// </summary>
    sealed class DeepMotionWebhookVerifier : IWebhookVerifier
    {
        public const string SignatureHeader = "X-DeepMotion-Signature";

        readonly string _clientId;
        readonly Func<string[]> _tokens;

        public DeepMotionWebhookVerifier(string clientId, Func<string[]> tokens, int maxBodyBytes)
        {
            _clientId = clientId;
            _tokens = tokens;
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
            if (string.IsNullOrEmpty(signature) || !ConstantTime.Equals(_clientId, signature))
            {
                throw Rejected("InvalidSignature", ErrorCategory.SecurityError,
                    string.IsNullOrEmpty(signature) ? $"The event has no {SignatureHeader} header." : $"The event's {SignatureHeader} does not match this account.");
            }
            var tokens = _tokens();
            if (tokens.Length > 0 && !WebhookTokenSet.Matches(tokens, webhook.QueryValue(WebhookEndpointClient.TokenParameter)))
            {
                throw Rejected("InvalidToken", ErrorCategory.SecurityError, "The event was not sent to a URL with this account's secret token.");
            }
            return Parse(webhook);
        }

        static DeepMotionWebhookEvent Parse(ReceivedWebhook webhook)
        {
            try
            {
                using (var document = JsonDocument.Parse(webhook.RawBody))
                {
                    var root = document.RootElement;
                    var eventType = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("eventType", out var type) && type.ValueKind == JsonValueKind.String ? type.GetString() : null;
                    if (string.IsNullOrEmpty(eventType) || !root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
                    {
                        throw Rejected("MalformedEvent", ErrorCategory.InvalidData, "The event has no eventType or data.");
                    }
                    var rid = data.TryGetProperty("taskId", out var task) && task.ValueKind == JsonValueKind.String ? task.GetString() : null;
                    var status = data.TryGetProperty("status", out var state) && state.ValueKind == JsonValueKind.String ? state.GetString() : null;
                    if (eventType == "job.completed" && (string.IsNullOrEmpty(rid) || !new[] { "success", "failure" }.Contains(status)))
                    {
                        throw Rejected("MalformedEvent", ErrorCategory.InvalidData, "A job.completed event needs data.taskId and data.status success or failure.");
                    }
                    return new DeepMotionWebhookEvent { EventType = eventType, Rid = rid, Status = status, ReceivedAt = webhook.ReceivedAt };
                }
            }
            catch (JsonException ex)
            {
                throw Rejected("MalformedEvent", ErrorCategory.InvalidData, "The event body is not JSON: " + ex.Message);
            }
        }

        static AnimationToolsException Rejected(string reason, ErrorCategory category, string message)
        {
            return new AnimationToolsException("DeepMotion.Webhook." + reason, category, "Webhook event rejected: " + message);
        }
    }
}
