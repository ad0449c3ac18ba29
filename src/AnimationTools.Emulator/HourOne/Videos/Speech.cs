namespace AnimationTools.Emulator.HourOne;

/// <summary>How long the presenter takes to say a transcript: 2.5 words a second, at least 2 s, in quarter seconds.</summary>
internal static class Speech
{
    public const double MinimumSeconds = 2;

    /// <summary>Quarter seconds are exact in binary, so scene durations add up to the video's duration exactly.</summary>
    public static double Seconds(string transcript)
    {
        var words = transcript.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
        return Math.Max(MinimumSeconds, Math.Ceiling(words / 2.5 * 4) / 4);
    }
}
