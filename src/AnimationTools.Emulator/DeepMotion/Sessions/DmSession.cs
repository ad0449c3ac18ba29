namespace AnimationTools.Emulator.DeepMotion;

/// <summary>A signed-in client: the <c>dmsess</c> cookie value (decoded), its owner and its expiry.</summary>
internal sealed record DmSession(string Value, string ClientId, string? UserUid, DateTimeOffset ExpiresAt);
