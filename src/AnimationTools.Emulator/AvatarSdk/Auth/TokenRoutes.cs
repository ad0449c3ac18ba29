using System.Security.Cryptography;
using System.Text;
using System.Net.Http.Headers;

namespace AnimationTools.Emulator.AvatarSdk;

/// <summary>
/// <c>POST /o/token/</c> (§2.1): the client-credentials grant, with the client authenticated by HTTP Basic or by
/// <c>client_id</c>/<c>client_secret</c> form fields (urlencoded or multipart). Errors in the RFC 6749 §5.2 shape.
/// </summary>
internal sealed class TokenRoutes(AvatarSdkState state)
{
    public void Map(IEndpointRouteBuilder service) => service.MapPost("/o/token/", (Func<HttpContext, Task<IResult>>)IssueAsync).DisableAntiforgery();

    private async Task<IResult> IssueAsync(HttpContext context)
    {
        var request = context.Request;
        IFormCollection form = FormCollection.Empty;
        if (request.HasFormContentType)
        {
            form = await request.ReadFormAsync(context.RequestAborted);
        }

        var basic = ParseBasic(request.Headers.Authorization.ToString());
        var clientId = basic?.ClientId ?? form["client_id"].ToString();
        var secret = basic?.Secret ?? form["client_secret"].ToString();
        if (string.IsNullOrEmpty(clientId) || !IsKnownClient(clientId, secret))
        {
            return Error(StatusCodes.Status401Unauthorized, "invalid_client");
        }

        var grant = form["grant_type"].ToString();
        if (string.IsNullOrEmpty(grant))
        {
            return Error(StatusCodes.Status400BadRequest, "invalid_request", "Missing grant_type.");
        }

        if (grant != "client_credentials")
        {
            return Error(StatusCodes.Status400BadRequest, "unsupported_grant_type");
        }

        var lifetime = state.Options.TokenLifetime;
        var token = state.Tokens.Issue(clientId, lifetime);
        context.Response.Headers.CacheControl = "no-store";
        return Drf.Json(new Dictionary<string, object>
        {
            ["access_token"] = token.Value,
            ["token_type"] = "Bearer",
            ["expires_in"] = (int)Math.Round(lifetime.TotalSeconds),
            ["scope"] = "read write",
        });
    }

    private bool IsKnownClient(string clientId, string secret) =>
        state.Clients.TryGetValue(clientId, out var expected)
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(secret ?? string.Empty));

    private static (string ClientId, string Secret)? ParseBasic(string header)
    {
        if (!AuthenticationHeaderValue.TryParse(header, out var value) || !string.Equals(value.Scheme, "Basic", StringComparison.OrdinalIgnoreCase)
            || string.IsNullOrEmpty(value.Parameter))
        {
            return null;
        }

        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(value.Parameter));
            var colon = decoded.IndexOf(':');
            return colon < 0 ? null : (Uri.UnescapeDataString(decoded[..colon]), Uri.UnescapeDataString(decoded[(colon + 1)..]));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static IResult Error(int status, string error, string? description = null)
    {
        var body = new Dictionary<string, string> { ["error"] = error };
        if (description is not null)
        {
            body["error_description"] = description;
        }

        return Drf.Json(body, status);
    }
}
