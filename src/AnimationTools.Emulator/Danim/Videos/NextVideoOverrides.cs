namespace AnimationTools.Emulator.Danim;

/// <summary>Test hook: how the next generation started will run (body of <c>POST /_emulator/danim/next-video</c>).</summary>
public sealed class NextVideoOverrides
{
    /// <summary>Make it end FAILED instead of DONE.</summary>
    public bool Fail { get; set; }

    /// <summary>The failure's type (default <c>VideoGenerationFailed</c>).</summary>
    public string? FailureType { get; set; }

    /// <summary>The failure's message, served as <c>failureReason</c>.</summary>
    public string? Message { get; set; }

    /// <summary>Time in PENDING_IN_APP instead of the configured one.</summary>
    public int? PendingMs { get; set; }

    /// <summary>Time in GENERATING instead of the configured one.</summary>
    public int? GeneratingMs { get; set; }
}
