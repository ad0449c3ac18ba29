using System.Security.Cryptography;
using System.Text;
using AnimationTools.Emulator.Infrastructure;

namespace AnimationTools.Emulator.DeepMotion;

/// <summary>API 1: <c>GET /session/auth</c>.</summary>
internal sealed class SessionRoutes(SessionStore sessions, EmulatorOptions options)
{
    public void Map(IEndpointRouteBuilder service) => service.MapGet("/session/auth", Authenticate);

    private IResult Authenticate(HttpContext context)
    {
        var credentials = BasicCredentials.Parse(context.Request.Headers.Authorization);
        if (credentials is null)
        {
            return ApiResults.Message(StatusCodes.Status401Unauthorized, "Missing or malformed Basic authorization.");
        }

        if (!IsKnownClient(credentials.Value))
        {
            return ApiResults.Message(StatusCodes.Status401Unauthorized, "Invalid client id or secret.");
        }

        var userUid = context.Request.Headers["x-useruid"].ToString();
        var session = sessions.Create(credentials.Value.ClientId, string.IsNullOrWhiteSpace(userUid) ? null : userUid, options.SessionLifetime);
        SessionCookie.Write(context.Response, session);
        return ApiResults.Json(new { });
    }

    private bool IsKnownClient(BasicCredentials credentials) =>
        options.Clients.TryGetValue(credentials.ClientId, out var secret)
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(credentials.Secret));
}
