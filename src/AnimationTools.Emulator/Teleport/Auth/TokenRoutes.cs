using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace AnimationTools.Emulator.Teleport;

/// <summary>
/// <c>POST /oauth2/token</c> of the sign-in service (§2): the client-credentials grant with its fields in a JSON body
/// (as the docs send them) or a form body (urlencoded or multipart, as other clients do); HTTP Basic is accepted for
/// the client too. Errors in the RFC 6749 §5.2 shape; bad credentials → <c>401 {"error": "invalid_client"}</c>.
/// </summary>
internal sealed class TokenRoutes(TeleportState state)
{
    public const string DefaultScope = "openid profile email";

    public void Map(IEndpointRouteBuilder signin) =>
        signin.MapPost("/oauth2/token", (Func<HttpContext, Task<IResult>>)IssueAsync).DisableAntiforgery();

    private async Task<IResult> IssueAsync(HttpContext context)
    {
        var fields = await ReadFieldsAsync(context.Request);
        if (fields is null)
        {
            return Error(StatusCodes.Status400BadRequest, "invalid_request", "Send the fields as a JSON object or a form.");
        }

        var basic = ParseBasic(context.Request.Headers.Authorization.ToString());
        var clientId = basic?.ClientId ?? fields.GetValueOrDefault("client_id");
        var secret = basic?.Secret ?? fields.GetValueOrDefault("client_secret");
        var grant = fields.GetValueOrDefault("grant_type");
        if (string.IsNullOrEmpty(grant))
        {
            return Error(StatusCodes.Status400BadRequest, "invalid_request", "grant_type is required.");
        }

        if (grant != "client_credentials")
        {
            return Error(StatusCodes.Status400BadRequest, "unsupported_grant_type");
        }

        if (string.IsNullOrEmpty(clientId) || !IsKnownClient(clientId, secret))
        {
            return Error(StatusCodes.Status401Unauthorized, "invalid_client");
        }

        var lifetime = state.Options.TokenLifetime;
        var scope = string.IsNullOrWhiteSpace(fields.GetValueOrDefault("scope")) ? DefaultScope : fields["scope"]!;
        var token = state.Tokens.Issue(clientId, lifetime, scope);
        context.Response.Headers.CacheControl = "no-store";
        return FastApi.Json(new Dictionary<string, object>
        {
            ["access_token"] = token.Value,
            ["expires_in"] = (int)Math.Round(lifetime.TotalSeconds),
            ["token_type"] = "bearer",
        });
    }

    /// <summary>The body's fields: a JSON object's string values or a form's fields; null when it is neither.</summary>
    private static async Task<Dictionary<string, string?>?> ReadFieldsAsync(HttpRequest request)
    {
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
            return form.ToDictionary(f => f.Key, f => (string?)f.Value.ToString(), StringComparer.Ordinal);
        }

        using var copy = new MemoryStream();
        await request.Body.CopyToAsync(copy, request.HttpContext.RequestAborted);
        if (copy.Length == 0)
        {
            return new Dictionary<string, string?>(StringComparer.Ordinal);
        }

        try
        {
            using var document = JsonDocument.Parse(copy.ToArray());
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            return document.RootElement.EnumerateObject().ToDictionary(
                p => p.Name,
                p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : p.Value.GetRawText(),
                StringComparer.Ordinal);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private bool IsKnownClient(string clientId, string? secret) =>
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

        return FastApi.Json(body, status);
    }
}
