using AnimationTools.Emulator.Infrastructure;

namespace AnimationTools.Emulator.DeepMotion;

/// <summary>Lets only requests with a valid, unexpired <c>dmsess</c> cookie reach the API routes.</summary>
internal static class SessionGate
{
    private static readonly object Key = new();

    public static TBuilder RequireSession<TBuilder>(this TBuilder endpoints, SessionStore sessions)
        where TBuilder : IEndpointConventionBuilder =>
        endpoints.AddEndpointFilter(async (invocation, next) =>
        {
            var context = invocation.HttpContext;
            var cookie = SessionCookie.Read(context.Request);
            if (cookie is null)
            {
                return ApiResults.Message(StatusCodes.Status401Unauthorized, "Authentication required: call /session/auth and send the dmsess cookie.");
            }

            var session = sessions.FindValid(cookie);
            if (session is null)
            {
                return ApiResults.Message(StatusCodes.Status401Unauthorized, "Session expired or invalid.");
            }

            context.Items[Key] = session;
            return await next(invocation);
        });

    public static DmSession Current(HttpContext context) =>
        context.Items[Key] as DmSession ?? throw new InvalidOperationException("Route is not behind RequireSession.");
}
