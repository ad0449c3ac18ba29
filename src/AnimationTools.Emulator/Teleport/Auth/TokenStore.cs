using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AnimationTools.Emulator.Infrastructure;

namespace AnimationTools.Emulator.Teleport;

/// <summary>An access token issued by the sign-in service.</summary>
internal sealed record TeleportToken(string Value, string ClientId, DateTimeOffset Expires);

/// <summary>
/// Issued access tokens. They are shaped like the sign-in service's JWTs (header, claims with <c>exp</c>, signature)
/// so a client that peeks at <c>exp</c> works, but the emulator checks them by lookup: a token is valid until it
/// expires or a test hook revokes it.
/// </summary>
internal sealed class TokenStore(TimeProvider clock)
{
    private static readonly byte[] SigningKey = RandomNumberGenerator.GetBytes(32);

    private readonly object sync = new();
    private readonly Dictionary<string, TeleportToken> tokens = new(StringComparer.Ordinal);

    public int Issued { get; private set; }

    public TeleportToken Issue(string clientId, TimeSpan lifetime, string scope)
    {
        var now = clock.GetUtcNow();
        var expires = now + lifetime;
        var header = Encode(JsonSerializer.SerializeToUtf8Bytes(new { alg = "HS256", typ = "JWT" }));
        var claims = Encode(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["sub"] = clientId,
            ["client_id"] = clientId,
            ["token_use"] = "access",
            ["scope"] = scope,
            ["iat"] = now.ToUnixTimeSeconds(),
            ["exp"] = expires.ToUnixTimeSeconds(),
            ["jti"] = RandomIds.Hex(16),
        }));
        var signature = Encode(HMACSHA256.HashData(SigningKey, Encoding.ASCII.GetBytes(header + "." + claims)));
        var token = new TeleportToken($"{header}.{claims}.{signature}", clientId, expires);
        lock (sync)
        {
            tokens[token.Value] = token;
            Issued++;
        }

        return token;
    }

    public TeleportToken? FindValid(string value)
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

    private static string Encode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
