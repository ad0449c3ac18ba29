namespace AnimationTools.Emulator.DeepMotion;

/// <summary>How a job will run, fixed when it is created.</summary>
/// <param name="FailWith">§11 code the job ends with, or null for success.</param>
/// <param name="RetryFirst">Whether the job passes through RETRY halfway.</param>
internal sealed record JobPlan(TimeSpan Duration, int Steps, int? FailWith, bool RetryFirst);
