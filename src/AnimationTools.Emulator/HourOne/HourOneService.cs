using AnimationTools.Emulator.Infrastructure;

namespace AnimationTools.Emulator.HourOne;

/// <summary>Hour One's videos API ("MakeReals"), mounted under <c>/hourone</c>: the API under <c>/hourone/api/v1</c>.</summary>
internal sealed class HourOneService(HourOneState state) : IEmulatedService
{
    public const string ServiceName = "hourone";

    public string Name => ServiceName;

    public void MapRoutes(IEndpointRouteBuilder service)
    {
        new FileRoutes(state).Map(service);

        var api = service.MapGroup("/api/v1").RedirectTrailingSlash().RequireApiKey(state);
        new VideoRoutes(state).Map(api);
        new VoicePreviewRoutes(state).Map(api);
        new AnalyticsRoutes(state).Map(api);

        // Before authentication, as FastAPI routes first: 404 and 405.
        service.Map("/{**rest}", (HttpContext context) => UnmatchedRoute.Answer(context, "/" + ServiceName));
    }

    public void MapControlRoutes(IEndpointRouteBuilder control) => new HourOneControlRoutes(state).Map(control);

    public void Reset() => state.Reset();

    public ValueTask DisposeAsync() => state.DisposeAsync();
}
