namespace AnimationTools.Emulator.DeepMotion;

/// <summary>
/// The job clock: STARTING for the first step, PROGRESS step by step over the plan's duration, RETRY between 40 % and
/// 60 % of it when asked, then SUCCESS or FAILURE at the end.
/// </summary>
internal static class JobTimeline
{
    private const double RetryFrom = 0.4;
    private const double RetryUntil = 0.6;

    public static (JobPhase Phase, int Step, int? ErrorCode) At(JobPlan plan, TimeSpan elapsed)
    {
        if (elapsed >= plan.Duration)
        {
            return plan.FailWith is { } code ? (JobPhase.Failure, plan.Steps, code) : (JobPhase.Success, plan.Steps, null);
        }

        var fraction = elapsed / plan.Duration;
        var step = Math.Min((int)(fraction * plan.Steps), plan.Steps - 1);
        if (plan.RetryFirst && fraction is >= RetryFrom and < RetryUntil)
        {
            return (JobPhase.Retry, step, plan.FailWith ?? JobErrorCodes.Interrupted);
        }

        return step == 0 ? (JobPhase.Starting, 0, null) : (JobPhase.Progress, step, null);
    }
}
