using AnimationTools.Emulator.Infrastructure;

namespace AnimationTools.Emulator.Teleport;

/// <summary>
/// The Varjo Teleport captures API (contract: Teleport captures spec), mounted under <c>/teleport</c>: the API
/// (bearer token), the emulated S3 of the part URLs and the "CDN" of the model files (no token).
/// </summary>
internal sealed class TeleportService(TeleportState state) : IEmulatedService
{
    public string Name => "teleport";

    public void MapRoutes(IEndpointRouteBuilder service)
    {
        new S3Routes(state).Map(service);
        new CdnRoutes(state).Map(service);

        var api = service.MapGroup(string.Empty).RequireBearer(state);
        new CaptureRoutes(state).Map(api);
        new UploadRoutes(state).Map(api);
        new MetadataRoutes(state).Map(api);
    }

    public void MapControlRoutes(IEndpointRouteBuilder control) => new TeleportControlRoutes(state).Map(control);

    public void Reset() => state.Reset();

    public ValueTask DisposeAsync() => state.DisposeAsync();
}

/// <summary>
/// Teleport's sign-in service (the real one is on its own host), mounted under <c>/teleport-signin</c>: the token
/// endpoint is <c>/teleport-signin/oauth2/token</c>. It shares the Teleport state, which the Teleport service resets
/// and disposes.
/// </summary>
internal sealed class TeleportSigninService(TeleportState state) : IEmulatedService
{
    public string Name => "teleport-signin";

    public void MapRoutes(IEndpointRouteBuilder service) => new TokenRoutes(state).Map(service);

    public void MapControlRoutes(IEndpointRouteBuilder control)
    {
    }

    public void Reset()
    {
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
