using System.Text.Json.Nodes;

namespace AnimationTools.Emulator.Infrastructure;

/// <summary>A registered fault and how much of it is left.</summary>
public sealed record FaultStatus(
    string Id,
    string? Service,
    string? Method,
    string Path,
    FaultKind Kind,
    int? Status,
    int? RetryAfter,
    long? AfterBytes,
    int? DelayMs,
    string? Body,
    int? Repeat,
    string? ContentType,
    Dictionary<string, JsonNode?>? Patch,
    Dictionary<string, string>? Headers,
    int Count,
    int Skip,
    int Applied,
    int Remaining,
    int SkipRemaining);
