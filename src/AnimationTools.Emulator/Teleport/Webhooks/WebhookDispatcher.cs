using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json.Serialization;
using AnimationTools.Emulator.Infrastructure;

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
/// Delivers the organisation webhook: <c>POST</c> of the event JSON with <c>X-Teleport-Signature</c>, the lowercase
/// hex HMAC-SHA256 of the raw body bytes keyed with the signing secret (UTF-8). A 2xx answer is a delivery; otherwise
/// it is retried after the base delay, doubling, up to the configured attempts.
/// </summary>
internal sealed class WebhookDispatcher : IAsyncDisposable
{
    public const string SignatureHeader = "X-Teleport-Signature";

    private readonly OutboundDeliveries<TeleportWebhookDelivery> deliveries;
    private readonly Func<TeleportOptions> options;

    public WebhookDispatcher(Func<TeleportOptions> options, TimeProvider clock)
    {
        this.options = options;
        deliveries = new OutboundDeliveries<TeleportWebhookDelivery>(clock);
    }

    /// <summary>The HMAC-SHA256 of <paramref name="body"/> keyed with the secret, in lowercase hex.</summary>
    public static string Sign(byte[] body, string secret) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret), body));

    public void Send(WebhookRegistration registration, string eid, string state, byte[] body)
    {
        var signature = Sign(body, registration.Secret);
        var settings = options();
        deliveries.Send(
            () =>
            {
                var request = new HttpRequestMessage(HttpMethod.Post, registration.Url) { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                request.Headers.TryAddWithoutValidation(SignatureHeader, signature);
                request.Headers.UserAgent.ParseAdd("Teleport-Webhooks/1.0");
                return request;
            },
            settings.WebhookMaxAttempts, settings.WebhookBaseDelay,
            outcome => new TeleportWebhookDelivery(registration.Url, eid, state, System.Text.Encoding.UTF8.GetString(body), signature,
                outcome.Attempt, outcome.Status, outcome.Error, outcome.Succeeded, outcome.At));
    }

    public IReadOnlyList<TeleportWebhookDelivery> Attempts() => deliveries.Attempts();

    /// <summary>Forgets the attempt log and abandons deliveries still waiting for a retry.</summary>
    public void Reset() => deliveries.Reset();

    public ValueTask DisposeAsync() => deliveries.DisposeAsync();
}
