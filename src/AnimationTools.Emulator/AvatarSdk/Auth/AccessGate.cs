using System.Globalization;

namespace AnimationTools.Emulator.AvatarSdk;

/// <summary>
/// Every API route: a valid bearer token (header, or <c>?access_token=</c> as the JS sample uses for plain links),
/// the X-PlayerUID rules of the access mode (§2.3), and the throttle (§3).
/// </summary>
internal static class AccessGate
{
    public static TBuilder RequireAccess<TBuilder>(this TBuilder endpoints, AvatarSdkState state)
        where TBuilder : IEndpointConventionBuilder =>
        endpoints.AddEndpointFilter(async (invocation, next) =>
        {
            var context = invocation.HttpContext;
            context.Response.Headers.Vary = "Accept, Cookie";
            var value = BearerToken(context.Request);
            if (value is null)
            {
                context.Response.Headers.WWWAuthenticate = "Bearer realm=\"api\"";
                return Drf.Detail(StatusCodes.Status401Unauthorized, "Authentication credentials were not provided.");
            }

            var token = state.Tokens.FindValid(value);
            if (token is null)
            {
                context.Response.Headers.WWWAuthenticate = "Bearer realm=\"api\", error=\"invalid_token\"";
                return Drf.Detail(StatusCodes.Status401Unauthorized, "Invalid token.");
            }

            var metadata = context.GetEndpoint()?.Metadata;
            var options = state.Options;
            var playerHeader = context.Request.Headers["X-PlayerUID"].ToString().Trim();
            string? player = null;
            if (playerHeader.Length > 0)
            {
                if (state.Players.Find(playerHeader) is not { } found || found.ClientId != token.ClientId)
                {
                    return Drf.Detail(StatusCodes.Status403Forbidden, "Invalid X-PlayerUID.");
                }

                player = found.Code;
            }
            else if (options.ClientAccess && metadata?.GetMetadata<WithoutPlayer>() is null)
            {
                return Drf.Detail(StatusCodes.Status403Forbidden, "Client access mode: sign the request with the X-PlayerUID header.");
            }

            if (metadata?.GetMetadata<DeveloperOnly>() is not null && (player is not null || options.ClientAccess))
            {
                return Drf.Detail(StatusCodes.Status403Forbidden, "You do not have permission to perform this action in client access mode.");
            }

            if (state.Throttle.Check(player ?? "client:" + token.ClientId, options.ThrottleRequests, options.ThrottleWindow) is { } wait)
            {
                context.Response.Headers.RetryAfter = wait.ToString(CultureInfo.InvariantCulture);
                return Drf.Detail(StatusCodes.Status429TooManyRequests, $"Request was throttled. Expected available in {wait}.0 seconds.");
            }

            new Caller(token.ClientId, player).Attach(context);
            return await next(invocation);
        });

    private static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            var value = header["Bearer ".Length..].Trim();
            return value.Length > 0 ? value : null;
        }

        var query = request.Query["access_token"].ToString();
        return query.Length > 0 ? query : null;
    }
}
