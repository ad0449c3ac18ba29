using AnimationTools.Emulator.Infrastructure;

namespace AnimationTools.Emulator.DeepMotion;

/// <summary>Issued <c>dmsess</c> sessions, keyed by the decoded cookie value.</summary>
internal sealed class SessionStore(TimeProvider clock)
{
    private readonly object sync = new();
    private readonly Dictionary<string, DmSession> sessions = new(StringComparer.Ordinal);

    public DmSession Create(string clientId, string? userUid, TimeSpan lifetime)
    {
        // Same shape as the real cookie: "s:" + session id + "." + base64 signature (which URL-encoding turns into %2F/%2B).
        var value = $"s:{RandomIds.Base64Url(24)}.{RandomIds.Base64(32)}";
        var session = new DmSession(value, clientId, userUid, clock.GetUtcNow() + lifetime);
        lock (sync)
        {
            sessions[value] = session;
        }

        return session;
    }

    public DmSession? FindValid(string decodedValue)
    {
        lock (sync)
        {
            return sessions.TryGetValue(decodedValue, out var session) && session.ExpiresAt > clock.GetUtcNow() ? session : null;
        }
    }

    /// <summary>Makes every session issued so far invalid, as if they all expired now.</summary>
    public void ExpireAll()
    {
        lock (sync)
        {
            sessions.Clear();
        }
    }
}
