namespace AnimationTools.Emulator.DeepMotion;

/// <summary>Test hook: how the next job created will behave (body of <c>POST /_emulator/deepmotion/next-job</c>).</summary>
public sealed class NextJobOverrides
{
    /// <summary>§11 code the job fails with at the end of its run, e.g. 513.</summary>
    public int? FailWith { get; set; }

    /// <summary>Pass through RETRY (code <see cref="FailWith"/>, or 511) halfway, then end normally.</summary>
    public bool RetryFirst { get; set; }

    /// <summary>Run time of that job instead of the configured job duration.</summary>
    public int? DurationMs { get; set; }
}
