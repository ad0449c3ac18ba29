namespace AnimationTools.Emulator.DeepMotion;

/// <summary>What <c>/videoInfo</c> reports about a video, read from its MP4 header.</summary>
/// <param name="Duration">Seconds.</param>
/// <param name="Codec">Short codec name, e.g. <c>h264</c>.</param>
internal sealed record VideoInfo(int Width, int Height, double Fps, double Duration, string Codec);
