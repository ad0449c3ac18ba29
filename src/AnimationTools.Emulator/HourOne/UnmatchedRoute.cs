using System.Text.RegularExpressions;

namespace AnimationTools.Emulator.HourOne;

/// <summary>
/// What Starlette answers for a request no route takes: a path of a route with another method → <c>405 {"detail":
/// "Method Not Allowed"}</c> with <c>Allow</c>; anything else → <c>404 {"detail": "Not Found"}</c>. A route's path with a
/// trailing slash → <c>307</c> to the path without it (<c>redirect_slashes</c>).
/// </summary>
internal static partial class UnmatchedRoute
{
    private static readonly (Regex Path, string[] Methods)[] Routes =
    [
        (Route("/api/v1/videos"), ["GET", "POST"]),
        (Route("/api/v1/videos/[^/]+"), ["GET", "DELETE"]),
        (Route("/api/v1/videos/[^/]+/metadata"), ["GET"]),
        (Route("/api/v1/videos/[^/]+/subtitles"), ["POST"]),
        (Route("/api/v1/voice-preview"), ["POST"]),
        (Route("/api/v1/voice-preview/[^/]+"), ["GET"]),
        (Route("/api/v1/analytics/summary"), ["GET"]),
    ];

    public static IResult Answer(HttpContext context, string prefix)
    {
        var request = context.Request;
        var path = (request.Path.Value ?? string.Empty)[prefix.Length..];
        var methods = MethodsOf(path);
        if (methods.Length > 0)
        {
            context.Response.Headers.Allow = string.Join(", ", methods);
            return FastApi.Detail(StatusCodes.Status405MethodNotAllowed, "Method Not Allowed");
        }

        return FastApi.NotFound("Not Found");
    }

    /// <summary>ASP.NET routing ignores a trailing slash, Starlette does not: such a request is redirected first.</summary>
    public static TBuilder RedirectTrailingSlash<TBuilder>(this TBuilder endpoints)
        where TBuilder : IEndpointConventionBuilder =>
        endpoints.AddEndpointFilter(async (invocation, next) =>
        {
            var request = invocation.HttpContext.Request;
            var path = request.Path.Value ?? string.Empty;
            if (path.Length > 1 && path.EndsWith('/'))
            {
                return Results.Redirect($"{request.Scheme}://{request.Host}{path.TrimEnd('/')}{request.QueryString}", permanent: false, preserveMethod: true);
            }

            return await next(invocation);
        });

    private static string[] MethodsOf(string path) => Routes.Where(r => r.Path.IsMatch(path)).SelectMany(r => r.Methods).ToArray();

    private static Regex Route(string pattern) => new($"^{pattern}$", RegexOptions.CultureInvariant);
}
