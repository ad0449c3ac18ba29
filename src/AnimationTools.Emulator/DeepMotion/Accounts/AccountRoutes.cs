using AnimationTools.Emulator.Infrastructure;

namespace AnimationTools.Emulator.DeepMotion;

/// <summary>API 7: credit balance, and the older minutes balance (one credit = one minute in the emulator).</summary>
internal sealed class AccountRoutes(AccountBook accounts, JobClock clock)
{
    public void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/account/creditBalance", (HttpContext context) => ApiResults.Json(new { credits = Balance(context) }));
        api.MapGet("/account/minutesBalance", (HttpContext context) => ApiResults.Json(new { minutes = Balance(context) }));
    }

    private double Balance(HttpContext context)
    {
        clock.Tick();
        return accounts.Balance(SessionGate.Current(context).ClientId);
    }
}
