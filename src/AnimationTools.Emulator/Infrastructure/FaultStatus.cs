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
    int Count,
    int Skip,
    int Applied,
    int Remaining,
    int SkipRemaining);
