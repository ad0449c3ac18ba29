using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json.Serialization;

namespace AnimationTools.Emulator.Teleport;

/// <summary>One attempt to deliver a webhook event.</summary>
/// <param name="Body">The exact body sent (UTF-8 JSON), which <paramref name="Signature"/> signs.</param>
/// <param name="Attempt">1 for the first try, 2 for the first retry, ...</param>
/// <param name="Status">HTTP status the receiver answered; null when no answer came (refused, timeout...).</param>
public sealed record TeleportWebhookDelivery(
    string Url,
    string Eid,
    string State,
    string Body,
    string Signature,
    int Attempt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] int? Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Error,
    bool Succeeded,
    DateTimeOffset At);

/// <summary>
/// Delivers the organisation webhook (§7): <c>POST</c> of the event JSON with <c>X-Teleport-Signature</c>, the
/// lowercase hex HMAC-SHA256 of the raw body bytes keyed with the signing secret (UTF-8). A 2xx answer is a delivery;
/// otherwise it is retried after the base delay, doubling, up to the configured attempts; 10 s timeout per attempt.
/// </summary>
internal sealed class WebhookDispatcher : IAsyncDisposable
{
    public const string SignatureHeader = "X-Teleport-Signature";

    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(10);

    private readonly object sync = new();
    private readonly List<TeleportWebhookDelivery> attempts = [];
    private readonly List<Task> running = [];
    private readonly Func<TeleportOptions> options;
    private readonly TimeProvider clock;
    private readonly HttpClient http;
    private CancellationTokenSource generation = new();

    public WebhookDispatcher(Func<TeleportOptions> options, TimeProvider clock)
    {
        this.options = options;
        this.clock = clock;
        // Receivers are on loopback: a proxy from the environment must not get in the way.
        http = new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false }) { Timeout = AttemptTimeout };
    }

    /// <summary>The HMAC-SHA256 of <paramref name="body"/> keyed with the secret, in lowercase hex.</summary>
    public static string Sign(byte[] body, string secret) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret), body));

    public void Send(WebhookRegistration registration, string eid, string state, byte[] body)
    {
        var delivery = new PendingDelivery(registration.Url, eid, state, body, Sign(body, registration.Secret));
        lock (sync)
        {
            running.RemoveAll(t => t.IsCompleted);
            var token = generation.Token;
            running.Add(Task.Run(() => DeliverAsync(delivery, token)));
        }
    }

    public IReadOnlyList<TeleportWebhookDelivery> Attempts()
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
            Record(new TeleportWebhookDelivery(delivery.Url, delivery.Eid, delivery.State, System.Text.Encoding.UTF8.GetString(delivery.Body),
                delivery.Signature, attempt, status, error, succeeded, clock.GetUtcNow()), abandoned);
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
            using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Url) { Content = new ByteArrayContent(delivery.Body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.TryAddWithoutValidation(SignatureHeader, delivery.Signature);
            request.Headers.UserAgent.ParseAdd("Teleport-Webhooks/1.0");
            using var response = await http.SendAsync(request, abandoned);
            return ((int)response.StatusCode, null);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or InvalidOperationException or UriFormatException)
        {
            return (null, ex is TaskCanceledException && !abandoned.IsCancellationRequested ? "timeout" : ex.Message);
        }
    }

    private void Record(TeleportWebhookDelivery attempt, CancellationToken abandoned)
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

    private sealed record PendingDelivery(string Url, string Eid, string State, byte[] Body, string Signature);
}
