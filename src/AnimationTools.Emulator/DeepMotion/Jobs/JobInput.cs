namespace AnimationTools.Emulator.DeepMotion;

/// <summary>The uploaded file a job works on (kept by reruns).</summary>
internal sealed record JobInput(string FileName, byte[] Content, MediaProbe Probe)
{
    public long Size => Content.LongLength;

    /// <summary>Seconds; 0 for images and unreadable files.</summary>
    public double Duration => Probe.Video?.Duration ?? 0;
}
