using System.Text.Json;
using System.Text.Json.Nodes;

namespace AnimationTools.Emulator.Danim;

/// <summary>One authenticated API request: the app, its arguments, and the service's base URL as the client sees it.</summary>
internal sealed record DanimCall(HttpContext Context, string AppId, RequestBody Body, string BaseUrl)
{
    public JsonObject Fields => Body.Fields;

    public CancellationToken Aborted => Context.RequestAborted;

    /// <summary>An optional string argument; null when omitted or null ("use the default", §3).</summary>
    public string? OptionalString(string name)
    {
        var node = Fields[name];
        if (node is null)
        {
            return null;
        }

        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.String)
        {
            return value.GetValue<string>();
        }

        throw new DanimError(ErrorTypes.BadParameter, $"\"{name}\" must be a string, not {FileInputResolver.Describe(node)}.");
    }

    public string RequiredString(string name) =>
        OptionalString(name) is { Length: > 0 } value ? value : throw new DanimError(ErrorTypes.MissingParameter, $"The parameter \"{name}\" is missing.");

    /// <summary>A nested object argument, given as an object, bracket fields, or a JSON-encoded string; null when omitted.</summary>
    public JsonObject? OptionalObject(string name) => Fields[name] switch
    {
        null => null,
        JsonObject o => o,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => RequestBody.ParseNested(name, v.GetValue<string>()),
        var other => throw new DanimError(ErrorTypes.BadParameter, $"\"{name}\" must be an object, not {FileInputResolver.Describe(other)}."),
    };
}

/// <summary>
/// The frame of every API route: POST only (else 405), credentials (§2), the per-app rate limit (§5), failures injected
/// by the control API, the body in any of the three encodings (§3), and <see cref="DanimError"/> turned into the envelope.
/// </summary>
internal static class DanimApi
{
    private static readonly string[] CredentialKeys = ["appId", "appSecret", "app_id", "app_secret", "X-App-Id", "X-App-Secret"];

    public static void MapCommand(this IEndpointRouteBuilder routes, DanimState state, string pattern, Func<DanimCall, Task<IResult>> handler) =>
        routes.Map(pattern, async (HttpContext context) =>
        {
            if (!HttpMethods.IsPost(context.Request.Method))
            {
                context.Response.Headers.Allow = "POST";
                return Envelope.Failure(ErrorTypes.MethodNotAllowed,
                    $"{context.Request.Method} is not allowed: every request of the Danim API is a POST.", status: StatusCodes.Status405MethodNotAllowed);
            }

            try
            {
                var appId = AppAuthenticator.Authenticate(context.Request, state.Apps);
                var options = state.Options;
                if (!state.Limiter.TryAcquire(appId, options.RequestsPerMinute, options.RateLimitWindow, state.Now))
                {
                    throw new DanimError(ErrorTypes.RateLimitExceeded,
                        $"Rate limit exceeded: {options.RequestsPerMinute} requests per {Describe(options.RateLimitWindow)} for the app \"{appId}\". Contact us if you need more.");
                }

                var baseUrl = $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}/{DanimService.ServiceName}";
                if (state.TakeInjectedError(RouteOf(context)) is { } injected)
                {
                    throw injected;
                }

                var body = await RequestBody.ReadAsync(context, options.MaxFileBytes);
                if (body.Encoding == "json")
                {
                    CheckJsonRules(body, context.Request);
                }

                return await handler(new DanimCall(context, appId, body, baseUrl));
            }
            catch (DanimError error)
            {
                return error.ToResult();
            }
        });

    /// <summary>The path of a request after the service prefix: <c>/write/video/create</c>.</summary>
    public static string RouteOf(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        var prefix = "/" + DanimService.ServiceName;
        return path.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) ? path[prefix.Length..] : path;
    }

    /// <summary>§3: no credentials in a JSON body, and no mixing of JSON and URL-encoded arguments.</summary>
    private static void CheckJsonRules(RequestBody body, HttpRequest request)
    {
        if (CredentialKeys.FirstOrDefault(k => body.Fields.ContainsKey(k)) is { } key)
        {
            throw new DanimError(ErrorTypes.BadParameter,
                $"Credentials cannot be sent in the JSON body (\"{key}\"): use the X-App-Id/X-App-Secret headers, HTTP Basic or the query string.");
        }

        var queryArguments = request.Query.Keys.Where(k => k is not (AppAuthenticator.QueryId or AppAuthenticator.QuerySecret)).ToList();
        if (queryArguments.Count > 0)
        {
            throw new DanimError(ErrorTypes.BadParameter,
                $"Do not mix JSON and URL-encoded arguments: {string.Join(", ", queryArguments.Select(k => $"\"{k}\""))} in the query string of a JSON request.");
        }
    }

    private static string Describe(TimeSpan window) =>
        window == TimeSpan.FromMinutes(1) ? "minute" : $"{window.TotalSeconds:0.###} s";
}
