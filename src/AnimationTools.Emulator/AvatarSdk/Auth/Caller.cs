namespace AnimationTools.Emulator.AvatarSdk;

/// <summary>Who makes a request: the application (client id) and, in client access or when sent, the player.</summary>
internal sealed record Caller(string ClientId, string? PlayerCode)
{
    private static readonly object Key = new();

    public static Caller Of(HttpContext context) =>
        context.Items[Key] as Caller ?? throw new InvalidOperationException("Route is not behind the Avatar SDK access gate.");

    public void Attach(HttpContext context) => context.Items[Key] = this;

    /// <summary>Whether this caller may see something owned by that client and player.</summary>
    public bool Sees(string clientId, string? playerCode) =>
        clientId == ClientId && (PlayerCode is null || PlayerCode == playerCode);
}

/// <summary>Endpoint metadata: the route is reachable in client access mode without <c>X-PlayerUID</c> (player registration).</summary>
internal sealed class WithoutPlayer
{
    public static readonly WithoutPlayer Instance = new();
}

/// <summary>Endpoint metadata: only developer access (no <c>X-PlayerUID</c>, not client access mode).</summary>
internal sealed class DeveloperOnly
{
    public static readonly DeveloperOnly Instance = new();
}
