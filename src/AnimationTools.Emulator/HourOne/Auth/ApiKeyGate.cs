using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace AnimationTools.Emulator.HourOne;

/// <summary>
/// Every API route: the <c>api-key</c> header must be the configured key (missing or wrong: <c>401 {"detail": "Not
/// authenticated"}</c>), then the optional rate limit (<c>429 {"detail": "Too Many Requests"}</c> with <c>Retry-After</c>).
/// </summary>
internal static class ApiKeyGate
{
    public const string Header = "api-key";

    public static TBuilder RequireApiKey<TBuilder>(this TBuilder endpoints, HourOneState state)
        where TBuilder : IEndpointConventionBuilder =>
        endpoints.AddEndpointFilter(async (invocation, next) =>
        {
            var context = invocation.HttpContext;
            var options = state.Options;
            var key = context.Request.Headers[Header].ToString();
            if (key.Length == 0 || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(options.ApiKey)))
            {
                return FastApi.Detail(StatusCodes.Status401Unauthorized, "Not authenticated");
            }

            if (options.RateLimitRequests > 0 && state.RateLimit.Check(key, options.RateLimitRequests, options.RateLimitWindow) is { } wait)
            {
                context.Response.Headers.RetryAfter = wait.ToString(CultureInfo.InvariantCulture);
                return FastApi.Detail(StatusCodes.Status429TooManyRequests, "Too Many Requests");
            }

            return await next(invocation);
        });
}
