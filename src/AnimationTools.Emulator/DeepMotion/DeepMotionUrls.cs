using AnimationTools.Emulator.Infrastructure;

namespace AnimationTools.Emulator.DeepMotion;

/// <summary>Absolute URLs the service hands out, built from the address the client reached the emulator on.</summary>
internal static class DeepMotionUrls
{
    public const string Prefix = "/deepmotion";

    public static string Storage(HttpContext context) => $"{ControlApi.BaseUrl(context)}{Prefix}/storage";

    public static string Session(HttpContext context, string sessionId) =>
        $"{Storage(context)}/{StorageBucket.SessionSegment}/{sessionId}";

    public static string Result(HttpContext context, string rid, string fileName) =>
        $"{Storage(context)}/results/{rid}/{Uri.EscapeDataString(fileName)}";

    public static string Input(HttpContext context, string rid, string fileName) =>
        $"{Storage(context)}/results/{rid}/input/{Uri.EscapeDataString(fileName)}";

    public static string StaticFile(HttpContext context, string fileName) => $"{Storage(context)}/static/{fileName}";
}
