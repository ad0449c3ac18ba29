using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;

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
/// doubling waits; 10 s timeout per attempt.
/// </summary>
internal sealed class WebhookDispatcher : IAsyncDisposable
{
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(10);

    private readonly object sync = new();
    private readonly List<HourOneWebhookDelivery> attempts = [];
    private readonly List<Task> running = [];
    private readonly Func<HourOneOptions> options;
    private readonly TimeProvider clock;
    private readonly HttpClient http;
    private CancellationTokenSource generation = new();

    public WebhookDispatcher(Func<HourOneOptions> options, TimeProvider clock)
    {
        this.options = options;
        this.clock = clock;
        // Receivers are on loopback: a proxy from the environment must not get in the way.
        http = new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false }) { Timeout = AttemptTimeout };
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

        lock (sync)
        {
            running.RemoveAll(t => t.IsCompleted);
            foreach (var webhook in endpoints.SubscribedTo(eventName))
            {
                var delivery = new PendingDelivery(webhook, eventName, video.Id, state.Status, body, Sign(body, webhook.SigningSecret));
                var token = generation.Token;
                running.Add(Task.Run(() => DeliverAsync(delivery, token)));
            }
        }
    }

    public IReadOnlyList<HourOneWebhookDelivery> Attempts()
    {
        lock (sync)
        {
            return attempts.ToList();
        }
    }

    /// <summary>Forgets the attempt log and abandons deliveries still waiting for a retry.</summary>
    public void Reset()
    {
        lock (sync)
        {
            generation.Cancel();
            generation = new CancellationTokenSource();
            attempts.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        Task[] pending;
        lock (sync)
        {
            generation.Cancel();
            pending = running.ToArray();
        }

        await Task.WhenAll(pending);
        http.Dispose();
    }

    private async Task DeliverAsync(PendingDelivery delivery, CancellationToken abandoned)
    {
        var settings = options();
        var wait = settings.WebhookBaseDelay;
        for (var attempt = 1; attempt <= settings.WebhookMaxAttempts && !abandoned.IsCancellationRequested; attempt++)
        {
            var (status, error) = await PostAsync(delivery, abandoned);
            if (abandoned.IsCancellationRequested)
            {
                return;
            }

            var succeeded = status is >= 200 and < 300;
            Record(new HourOneWebhookDelivery(delivery.Webhook.Id, delivery.Webhook.Url, delivery.EventName, delivery.VideoId, delivery.VideoStatus,
                attempt, status, error, succeeded, clock.GetUtcNow(), delivery.Signature, Encoding.UTF8.GetString(delivery.Body)), abandoned);
            if (succeeded || attempt == settings.WebhookMaxAttempts)
            {
                return;
            }

            try
            {
                await Task.Delay(wait, clock, abandoned);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            wait *= 2;
        }
    }

    private async Task<(int? Status, string? Error)> PostAsync(PendingDelivery delivery, CancellationToken abandoned)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Webhook.Url) { Content = new ByteArrayContent(delivery.Body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.TryAddWithoutValidation("x-hourone-signature", delivery.Signature);
            using var response = await http.SendAsync(request, abandoned);
            return ((int)response.StatusCode, null);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or InvalidOperationException)
        {
            return (null, ex is TaskCanceledException && !abandoned.IsCancellationRequested ? "timeout" : ex.Message);
        }
    }

    private void Record(HourOneWebhookDelivery attempt, CancellationToken abandoned)
    {
        lock (sync)
        {
            // A reset between the POST and this line must not leak an old attempt into the new log.
            if (!abandoned.IsCancellationRequested)
            {
                attempts.Add(attempt);
            }
        }
    }

    private sealed record PendingDelivery(HourOneWebhook Webhook, string EventName, string VideoId, string VideoStatus, byte[] Body, string Signature);
}
