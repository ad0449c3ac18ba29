using AnimationTools.Emulator.Infrastructure;

namespace AnimationTools.Emulator.DeepMotion;

/// <summary>Request ids shaped like the seed's examples: <c>1234567890-1234567890-1234</c>.</summary>
internal static class RidGenerator
{
    public static string Next(DateTimeOffset now) => $"{now.ToUnixTimeSeconds()}-{RandomIds.Digits(10)}-{RandomIds.Digits(4)}";
}
