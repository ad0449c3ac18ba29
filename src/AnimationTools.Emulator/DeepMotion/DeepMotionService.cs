using AnimationTools.Emulator.Infrastructure;

namespace AnimationTools.Emulator.DeepMotion;

/// <summary>The DeepMotion Animate 3D REST API (contract: shared/specs/deepmotion.md), mounted under <c>/deepmotion</c>.</summary>
internal sealed class DeepMotionService(DeepMotionState state) : IEmulatedService
{
    public string Name => "deepmotion";

    public void MapRoutes(IEndpointRouteBuilder service)
    {
        new SessionRoutes(state.Sessions, state.Options).Map(service);

        // Storage is reached through self-signed URLs: no cookie.
        var storage = service.MapGroup("/storage");
        new StorageRoutes(state.Storage).Map(storage);
        new ResultRoutes(state.Jobs, state.Clock).Map(storage);

        var api = service.MapGroup(string.Empty).RequireSession(state.Sessions);
        new UploadRoutes(state.Storage).Map(api);
        new ProcessRoutes(state).Map(api);
        new JobRoutes(state.Jobs, state.Clock).Map(api);
        new AccountRoutes(state.Accounts, state.Clock).Map(api);
        new VideoInfoRoutes(state.Storage).Map(api);
        new CharacterRoutes(state.Storage, state.Models, state.Options).Map(api);
        new WebhookRoutes(state.WebhookEndpoints).Map(api);
    }

    public void MapControlRoutes(IEndpointRouteBuilder control) => new DeepMotionControlRoutes(state).Map(control);

    public void Reset() => state.Reset();

    public ValueTask DisposeAsync() => state.DisposeAsync();
}
