using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;
using AnimationTools.Emulator.Infrastructure;

namespace AnimationTools.Emulator.HourOne;

/// <summary>One attempt to deliver an event, with the exact bytes sent and their signature.</summary>
/// <param name="Attempt">1 for the first try, 2 for the first retry, ...</param>
/// <param name="Status">HTTP status the receiver answered; null when no answer came (refused, timeout...).</param>
public sealed record HourOneWebhookDelivery(
    string WebhookId,
    string Url,
    string EventName,
    string VideoId,
    string VideoStatus,
    int Attempt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] int? Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Error,
    bool Succeeded,
    DateTimeOffset At,
    string Signature,
    string Body);

/// <summary>
/// Delivers <c>video.ready</c> / <c>video.failed</c>: a JSON POST of
/// <c>{"event_name", "data": {"id", "req_id", "draft_id", "status"}}</c> with <c>x-hourone-signature</c>, the lowercase
/// hex HMAC-SHA256 of the body bytes keyed by the webhook's signing secret. 2xx is delivered; otherwise retried with
/// doubling waits.
/// </summary>
internal sealed class WebhookDispatcher : IAsyncDisposable
{
    private readonly OutboundDeliveries<HourOneWebhookDelivery> deliveries;
    private readonly Func<HourOneOptions> options;

    public WebhookDispatcher(Func<HourOneOptions> options, TimeProvider clock)
    {
        this.options = options;
        deliveries = new OutboundDeliveries<HourOneWebhookDelivery>(clock);
    }

    public static string Sign(byte[] body, string secret) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    /// <summary>The event of a video that ended: ready (or published) is <c>video.ready</c>, any other end <c>video.failed</c>.</summary>
    public void VideoFinished(VideoRecord video, VideoState state, WebhookEndpoints endpoints)
    {
        var eventName = state.IsRendered ? WebhookEndpoints.VideoReady : WebhookEndpoints.VideoFailed;
        var body = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["event_name"] = eventName,
            ["data"] = new Dictionary<string, string> { ["id"] = video.Id, ["req_id"] = video.ReqId, ["draft_id"] = video.DraftId, ["status"] = state.Status },
        }, FastApi.Options);

        var settings = options();
        foreach (var webhook in endpoints.SubscribedTo(eventName))
        {
            var signature = Sign(body, webhook.SigningSecret);
            deliveries.Send(
                () =>
                {
                    var request = new HttpRequestMessage(HttpMethod.Post, webhook.Url) { Content = new ByteArrayContent(body) };
                    request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                    request.Headers.TryAddWithoutValidation("x-hourone-signature", signature);
                    return request;
                },
                settings.WebhookMaxAttempts, settings.WebhookBaseDelay,
                outcome => new HourOneWebhookDelivery(webhook.Id, webhook.Url, eventName, video.Id, state.Status,
                    outcome.Attempt, outcome.Status, outcome.Error, outcome.Succeeded, outcome.At, signature, Encoding.UTF8.GetString(body)));
        }
    }

    public IReadOnlyList<HourOneWebhookDelivery> Attempts() => deliveries.Attempts();

    /// <summary>Forgets the attempt log and abandons deliveries still waiting for a retry.</summary>
    public void Reset() => deliveries.Reset();

    public ValueTask DisposeAsync() => deliveries.DisposeAsync();
}
