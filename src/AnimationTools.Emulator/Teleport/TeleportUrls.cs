using System.Globalization;

namespace AnimationTools.Emulator.Teleport;

/// <summary>Absolute URLs of the service, built from the address the client reached the emulator on, and its time format.</summary>
internal static class TeleportUrls
{
    public const string Prefix = "/teleport";

    public static string Origin(HttpContext context) => $"{context.Request.Scheme}://{context.Request.Host}";

    public static string Api(HttpContext context, string relative) => $"{Origin(context)}{Prefix}/{relative}";

    /// <summary>
    /// ISO 8601 with microseconds and no zone, as the docs' examples show (<c>2025-10-06T18:55:42.733421</c>); with
    /// <c>time_zone=true</c> a <c>Z</c> is appended (emulator choice: the flag's meaning is undocumented).
    /// </summary>
    public static string Time(DateTimeOffset time, bool withZone) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff", CultureInfo.InvariantCulture) + (withZone ? "Z" : string.Empty);
}
