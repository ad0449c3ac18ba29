using System.Text.Json.Serialization;

namespace AnimationTools.Emulator.Infrastructure;

/// <summary>One request the emulator received, as the control API reports it.</summary>
public sealed class RecordedRequest
{
    /// <summary>Arrival order, starting at 1 and never reused until the emulator is reset.</summary>
    public long Seq { get; init; }

    /// <summary>First path segment, e.g. <c>deepmotion</c>.</summary>
    public string Service { get; init; } = string.Empty;

    public string Method { get; init; } = string.Empty;

    /// <summary>Full path including the service prefix, e.g. <c>/deepmotion/status/1-2-3</c>.</summary>
    public string Path { get; init; } = string.Empty;

    /// <summary>Raw query string without the leading <c>?</c>; empty when there is none.</summary>
    public string Query { get; init; } = string.Empty;

    /// <summary>Every header as received; repeated headers are joined with <c>", "</c>.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>Request body bytes the emulator actually read (a body cut by a fault or a broken connection counts what arrived).</summary>
    public long BodyLength { get; internal set; }

    /// <summary>Status the handler produced (never seen by the client when <see cref="Aborted"/>); null while running.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public int? Status { get; internal set; }

    /// <summary>
    /// The status the client received when a fault answered in place of the handler's answer (replaceStatus, or
    /// replaceBody with a status); null otherwise.
    /// </summary>
    public int? SentStatus { get; internal set; }

    public DateTimeOffset StartedAt { get; init; }

    /// <summary>True when the connection was aborted (by a fault or by the client) instead of completing normally.</summary>
    public bool Aborted { get; internal set; }

    /// <summary>
    /// Fields of a form body (urlencoded or multipart) that the handler read: text fields as sent, file fields as
    /// <c>@name (N bytes, type)</c>. Empty when the request had no form or the handler did not read it.
    /// </summary>
    public IReadOnlyDictionary<string, string[]> Form { get; internal set; } = new Dictionary<string, string[]>();

    /// <summary>Response headers the handler set (e.g. <c>Retry-After</c>, <c>Link</c>); repeated headers joined with <c>", "</c>.</summary>
    public IReadOnlyDictionary<string, string> ResponseHeaders { get; internal set; } = new Dictionary<string, string>();

    /// <summary>Kind of the injected fault that hit this request, if any.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public FaultKind? Fault { get; internal set; }

    internal RecordedRequest Snapshot() => (RecordedRequest)MemberwiseClone();
}
