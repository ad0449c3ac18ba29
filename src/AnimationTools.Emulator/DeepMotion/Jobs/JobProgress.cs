namespace AnimationTools.Emulator.DeepMotion;

/// <summary>Where a job stands; replaced as a whole so that readers never see half an update.</summary>
/// <param name="ErrorCode">§11 code while RETRY or after FAILURE.</param>
internal sealed record JobProgress(JobPhase Phase, int Step, int? ErrorCode, DateTimeOffset ModifiedAt)
{
    public bool IsTerminal => Phase is JobPhase.Success or JobPhase.Failure;
}
