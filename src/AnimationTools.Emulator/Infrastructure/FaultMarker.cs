namespace AnimationTools.Emulator.Infrastructure;

/// <summary>
/// Tells the request log which fault hit a request and whether the fault aborted the connection. The abort is
/// recorded here because <see cref="HttpContext.RequestAborted"/> is cancelled asynchronously after
/// <see cref="HttpContext.Abort"/>, too late to be read right after.
/// </summary>
internal sealed class FaultMarker
{
    private static readonly object Key = new();

    private FaultMarker(FaultKind kind)
    {
        Kind = kind;
    }

    public FaultKind Kind { get; }

    public bool AbortedConnection { get; private set; }

    /// <summary>The status the handler produced when the fault sent another one instead.</summary>
    public int? HandlerStatus { get; set; }

    public static FaultMarker Set(HttpContext context, FaultKind kind)
    {
        var marker = new FaultMarker(kind);
        context.Items[Key] = marker;
        return marker;
    }

    public static FaultMarker? Get(HttpContext context) => context.Items.TryGetValue(Key, out var marker) ? (FaultMarker)marker! : null;

    public void Abort(HttpContext context)
    {
        AbortedConnection = true;
        context.Abort();
    }
}
