namespace AnimationTools.Emulator.Teleport;

/// <summary>
/// Every API route (§2): <c>Authorization: Bearer &lt;token&gt;</c> with a valid, unexpired token, else
/// <c>401 {"detail": "Not authenticated"}</c> (the emulator's choice for both a missing and an expired token).
/// </summary>
internal static class BearerGate
{
    private static readonly object Key = new();

    public static TBuilder RequireBearer<TBuilder>(this TBuilder endpoints, TeleportState state)
        where TBuilder : IEndpointConventionBuilder =>
        endpoints.AddEndpointFilter(async (invocation, next) =>
        {
            var context = invocation.HttpContext;
            var header = context.Request.Headers.Authorization.ToString();
            var value = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : string.Empty;
            if (value.Length == 0 || state.Tokens.FindValid(value) is not { } token)
            {
                context.Response.Headers.WWWAuthenticate = "Bearer";
                return FastApi.Detail(StatusCodes.Status401Unauthorized, "Not authenticated");
            }

            context.Items[Key] = token.ClientId;
            return await next(invocation);
        });

    /// <summary>The client id (the account) of the token the request carried.</summary>
    public static string ClientOf(HttpContext context) =>
        context.Items[Key] as string ?? throw new InvalidOperationException("Route is not behind the Teleport bearer gate.");
}
