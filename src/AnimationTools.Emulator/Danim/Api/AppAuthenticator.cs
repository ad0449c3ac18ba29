using System.Security.Cryptography;
using System.Text;

namespace AnimationTools.Emulator.Danim;

/// <summary>
/// The three equivalent ways to send app credentials (contract §2): <c>X-App-Id</c>/<c>X-App-Secret</c> headers, HTTP
/// Basic, or <c>appId</c>/<c>appSecret</c> in the query. Exactly one way per request.
/// </summary>
internal static class AppAuthenticator
{
    public const string HeaderId = "X-App-Id";
    public const string HeaderSecret = "X-App-Secret";
    public const string QueryId = "appId";
    public const string QuerySecret = "appSecret";

    /// <summary>The app id of a request whose credentials are valid; otherwise a <see cref="DanimError"/> with the §2 type.</summary>
    public static string Authenticate(HttpRequest request, IReadOnlyDictionary<string, string> apps)
    {
        var found = new List<(string Style, string? Id, string? Secret)>();
        if (request.Headers.ContainsKey(HeaderId) || request.Headers.ContainsKey(HeaderSecret))
        {
            found.Add(("headers", Header(request, HeaderId), Header(request, HeaderSecret)));
        }

        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            var (id, secret) = DecodeBasic(authorization["Basic ".Length..].Trim());
            found.Add(("HTTP Basic", id, secret));
        }

        if (request.Query.ContainsKey(QueryId) || request.Query.ContainsKey(QuerySecret))
        {
            found.Add(("query parameters", NonEmpty(request.Query[QueryId].ToString()), NonEmpty(request.Query[QuerySecret].ToString())));
        }

        if (found.Count > 1)
        {
            throw new DanimError(ErrorTypes.BadParameter,
                $"Credentials were sent in more than one way ({string.Join(", ", found.Select(f => f.Style))}): use exactly one.");
        }

        var (_, appId, appSecret) = found.Count == 1 ? found[0] : default;
        if (appId is null)
        {
            throw new DanimError(ErrorTypes.AuthenticationRequired,
                "An app ID is required: send the X-App-Id and X-App-Secret headers, HTTP Basic credentials, or the appId and appSecret query parameters.");
        }

        if (!apps.TryGetValue(appId, out var expected))
        {
            throw new DanimError(ErrorTypes.AppDoesNotExist, $"The app \"{appId}\" does not exist.");
        }

        if (appSecret is null || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(appSecret), Encoding.UTF8.GetBytes(expected)))
        {
            throw new DanimError(ErrorTypes.InvalidAppSecret, $"The app secret provided for the app \"{appId}\" is not correct.");
        }

        return appId;
    }

    private static string? Header(HttpRequest request, string name) => NonEmpty(request.Headers[name].ToString().Trim());

    private static string? NonEmpty(string value) => value.Length == 0 ? null : value;

    private static (string? Id, string? Secret) DecodeBasic(string encoded)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
            var colon = text.IndexOf(':');
            return colon < 0 ? (NonEmpty(text), null) : (NonEmpty(text[..colon]), NonEmpty(text[(colon + 1)..]));
        }
        catch (FormatException)
        {
            throw new DanimError(ErrorTypes.AuthenticationRequired, "The Basic credentials are not valid Base64 of <app ID>:<app secret>.");
        }
    }
}
