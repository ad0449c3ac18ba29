using AnimationTools.Emulator.Infrastructure;

namespace AnimationTools.Emulator.Danim;

/// <summary>The Danim API (template video generation), mounted under <c>/danim</c>.</summary>
internal sealed class DanimService(DanimState state) : IEmulatedService
{
    public const string ServiceName = "danim";

    public string Name => ServiceName;

    public void MapRoutes(IEndpointRouteBuilder service)
    {
        new UploadRoutes(state).Map(service);
        new VideoRoutes(state).Map(service);
        new WorkspaceRoutes(state).Map(service);
        new ReadRoutes(state).Map(service);
        new ResultRoutes(state).Map(service);
        service.MapFallback("{**path}", (HttpContext context) => Envelope.Failure(ErrorTypes.NotFound,
            $"No route for {context.Request.Method} {context.Request.Path}.", status: StatusCodes.Status404NotFound));
    }

    public void MapControlRoutes(IEndpointRouteBuilder control) => new DanimControlRoutes(state).Map(control);

    public void Reset() => state.Reset();

    public ValueTask DisposeAsync() => state.DisposeAsync();
}
