namespace AnimationTools.Emulator.DeepMotion;

/// <summary>Timing of the synthetic animation: one frame per input video frame over the (trimmed) input duration.</summary>
internal sealed record MotionClip(int FrameCount, double FrameRate)
{
    private const double DefaultFrameRate = 30;

    public double FrameTime => 1 / FrameRate;

    public static MotionClip For(JobInput input, (double From, double To)? trim)
    {
        if (input.Probe.Video is not { } video)
        {
            // A still image gives a single pose.
            return new MotionClip(1, DefaultFrameRate);
        }

        var rate = video.Fps > 0 ? video.Fps : DefaultFrameRate;
        var seconds = video.Duration;
        if (trim is var (from, to))
        {
            seconds = Math.Max(0, Math.Min(to, video.Duration) - from);
        }

        return new MotionClip(Math.Max(1, (int)Math.Round(seconds * rate)), rate);
    }
}
