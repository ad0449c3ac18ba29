namespace AnimationTools.Emulator.AvatarSdk;

/// <summary>An OAuth2 access token issued by <c>/o/token/</c>.</summary>
internal sealed record AccessToken(string Value, string ClientId, DateTimeOffset Expires);

/// <summary>Issued access tokens; a token is valid until it expires or is revoked by a test hook.</summary>
internal sealed class TokenStore(TimeProvider clock)
{
    private readonly object sync = new();
    private readonly Dictionary<string, AccessToken> tokens = new(StringComparer.Ordinal);

    public int Issued { get; private set; }

    public AccessToken Issue(string clientId, TimeSpan lifetime)
    {
        var token = new AccessToken(Infrastructure.RandomIds.Base64Url(22).Replace('-', 'x').Replace('_', 'y'), clientId, clock.GetUtcNow() + lifetime);
        lock (sync)
        {
            tokens[token.Value] = token;
            Issued++;
        }

        return token;
    }

    public AccessToken? FindValid(string value)
    {
        lock (sync)
        {
            return tokens.TryGetValue(value, out var token) && token.Expires > clock.GetUtcNow() ? token : null;
        }
    }

    public void RevokeAll()
    {
        lock (sync)
        {
            tokens.Clear();
        }
    }

    public void Reset()
    {
        lock (sync)
        {
            tokens.Clear();
            Issued = 0;
        }
    }
}

/// <summary>
/// DRF-style sliding-window throttle: a request is refused when the key already made <c>limit</c> requests within
/// the window; refused requests are not counted. Keys are client ids (developer access) or player codes.
/// </summary>
internal sealed class Throttle(TimeProvider clock)
{
    private readonly object sync = new();
    private readonly Dictionary<string, Queue<DateTimeOffset>> history = new(StringComparer.Ordinal);

    /// <summary>Null when allowed (and counted); otherwise the whole seconds until a slot frees (at least 1).</summary>
    public int? Check(string key, int limit, TimeSpan window)
    {
        var now = clock.GetUtcNow();
        lock (sync)
        {
            if (!history.TryGetValue(key, out var times))
            {
                times = history[key] = new Queue<DateTimeOffset>();
            }

            while (times.Count > 0 && times.Peek() <= now - window)
            {
                times.Dequeue();
            }

            if (times.Count >= limit)
            {
                var wait = times.Peek() + window - now;
                return Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
            }

            times.Enqueue(now);
            return null;
        }
    }

    public void Reset()
    {
        lock (sync)
        {
            history.Clear();
        }
    }
}
