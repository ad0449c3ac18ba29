using System.Text.Json.Serialization;

namespace AnimationTools.Emulator.DeepMotion;

/// <summary>One attempt to deliver a webhook event.</summary>
/// <param name="Attempt">1 for the first try, 2 for the first retry, ...</param>
/// <param name="Status">HTTP status the receiver answered; null when no answer came (refused, timeout...).</param>
/// <param name="Error">Why no answer came, when it did not.</param>
public sealed record WebhookDelivery(
    string EndpointId,
    string Url,
    string EventType,
    string TaskId,
    string TaskStatus,
    int Attempt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] int? Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Error,
    bool Succeeded,
    DateTimeOffset At);
