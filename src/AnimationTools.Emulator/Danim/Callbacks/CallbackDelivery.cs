using System.Text.Json.Serialization;

namespace AnimationTools.Emulator.Danim;

/// <summary>One call (or refused call) of a video's <c>callback_url</c>.</summary>
/// <param name="CallbackUrl">The URL as given on create (<c>https+get://…</c> included).</param>
/// <param name="Method">POST, or GET for a <c>+get</c> scheme.</param>
/// <param name="RequestUrl">The URL really called (for GET, with the fields in the query).</param>
/// <param name="Attempt">1 for the first try, 2 for the first retry, ...</param>
/// <param name="Status">HTTP status the receiver answered; null when no answer came.</param>
/// <param name="Error">Why no answer came, when it did not.</param>
public sealed record CallbackDelivery(
    string VideoId,
    string CallbackUrl,
    string Method,
    string RequestUrl,
    IReadOnlyDictionary<string, string> Fields,
    int Attempt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] int? Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Error,
    bool Succeeded,
    DateTimeOffset At);
