using System.Text.Json.Nodes;

namespace AnimationTools.Emulator.Infrastructure;

/// <summary>A fault to inject: which requests it matches and what happens to them (body of <c>POST /_emulator/faults</c>).</summary>
public sealed class FaultDefinition
{
    /// <summary>Service name (first path segment); null matches every service.</summary>
    public string? Service { get; set; }

    /// <summary>HTTP method; null matches every method.</summary>
    public string? Method { get; set; }

    /// <summary>Regular expression matched against the full request path (including the service prefix).</summary>
    public string Path { get; set; } = string.Empty;

    public FaultKind Kind { get; set; }

    /// <summary>
    /// Status answered by <see cref="FaultKind.Status"/> and <see cref="FaultKind.ReplaceStatus"/> (required there);
    /// with <see cref="FaultKind.ReplaceBody"/>, replaces the handler's status (optional).
    /// </summary>
    public int? Status { get; set; }

    /// <summary>Seconds sent in <c>Retry-After</c> with the kinds that answer (status, replaceStatus, replaceBody).</summary>
    public int? RetryAfter { get; set; }

    /// <summary>
    /// <see cref="FaultKind.Drop"/>: request body bytes let through before the connection is aborted (default 0).
    /// <see cref="FaultKind.CutBody"/> and <see cref="FaultKind.StallBody"/>: response body bytes sent before the cut or stall (default 0).
    /// </summary>
    public long? AfterBytes { get; set; }

    /// <summary>Wait of <see cref="FaultKind.Delay"/>, <see cref="FaultKind.DelayHeaders"/> and <see cref="FaultKind.StallBody"/> (required there).</summary>
    public int? DelayMs { get; set; }

    /// <summary>Body text sent by status, replaceStatus and replaceBody instead of the handler's (UTF-8).</summary>
    public string? Body { get; set; }

    /// <summary>How many times <see cref="Body"/> is sent back to back (default 1): a short text makes a huge body.</summary>
    public int? Repeat { get; set; }

    /// <summary>Content type sent with <see cref="Body"/> (default: the handler's, or <c>application/json</c>).</summary>
    public string? ContentType { get; set; }

    /// <summary>
    /// <see cref="FaultKind.ReplaceBody"/>: JSON pointers into the handler's JSON answer and the value each gets
    /// (any JSON, null included); a <c>*</c> segment stands for every element of an array or every member of an object.
    /// </summary>
    public Dictionary<string, JsonNode?>? Patch { get; set; }

    /// <summary>Response headers set (added or overwritten) by the kinds that answer: status, replaceStatus, replaceBody.</summary>
    public Dictionary<string, string>? Headers { get; set; }

    /// <summary>How many matching requests the fault affects (default 1).</summary>
    public int Count { get; set; } = 1;

    /// <summary>How many matching requests pass untouched before the fault starts (default 0).</summary>
    public int Skip { get; set; }
}
