namespace AnimationTools.Emulator.Infrastructure;

/// <summary>Tells which service a request path belongs to: the service name is the first path segment.</summary>
internal static class ServicePath
{
    public const string ControlSegment = "_emulator";

    public static string ServiceOf(PathString path)
    {
        var value = path.Value ?? string.Empty;
        var trimmed = value.TrimStart('/');
        var slash = trimmed.IndexOf('/');
        return slash < 0 ? trimmed : trimmed[..slash];
    }

    public static bool IsControl(PathString path) =>
        string.Equals(ServiceOf(path), ControlSegment, StringComparison.OrdinalIgnoreCase);
}
