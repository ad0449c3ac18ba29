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

    /// <summary>Status answered by <see cref="FaultKind.Status"/>.</summary>
    public int? Status { get; set; }

    /// <summary>Seconds sent in <c>Retry-After</c> with <see cref="FaultKind.Status"/>.</summary>
    public int? RetryAfter { get; set; }

    /// <summary>Request body bytes let through before <see cref="FaultKind.Drop"/> aborts (default 0).</summary>
    public long? AfterBytes { get; set; }

    /// <summary>Wait of <see cref="FaultKind.Delay"/>.</summary>
    public int? DelayMs { get; set; }

    /// <summary>How many matching requests the fault affects (default 1).</summary>
    public int Count { get; set; } = 1;

    /// <summary>How many matching requests pass untouched before the fault starts (default 0).</summary>
    public int Skip { get; set; }
}
