namespace AnimationTools.Emulator.DeepMotion;

/// <summary>Reads and writes the <c>dmsess</c> cookie exactly as the service does.</summary>
internal static class SessionCookie
{
    public const string Name = "dmsess";

    /// <summary>
    /// The cookie value as the client sent it, decoded. Parsed from the raw header because clients are told to send
    /// the URL-encoded value verbatim, and a decoded one must match as well.
    /// </summary>
    public static string? Read(HttpRequest request)
    {
        foreach (var header in request.Headers.Cookie)
        {
            foreach (var pair in (header ?? string.Empty).Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var equals = pair.IndexOf('=');
                if (equals > 0 && pair.AsSpan(0, equals).Trim().SequenceEqual(Name))
                {
                    var value = pair[(equals + 1)..].Trim().Trim('"');
                    return Uri.UnescapeDataString(value);
                }
            }
        }

        return null;
    }

    /// <summary>No Domain attribute, unlike the real service, so that loopback clients keep the cookie.</summary>
    public static void Write(HttpResponse response, DmSession session)
    {
        var encoded = Uri.EscapeDataString(session.Value);
        response.Headers.Append("Set-Cookie", $"{Name}={encoded}; Path=/; Expires={session.ExpiresAt.UtcDateTime:R}; HttpOnly");
    }
}
