using AnimationTools.Emulator.Infrastructure;

namespace AnimationTools.Emulator.AvatarSdk;

/// <summary>The itSeez3D Avatar SDK Web API (contract: shared/specs/avatarsdk.md), mounted under <c>/avatarsdk</c>.</summary>
internal sealed class AvatarSdkService(AvatarSdkState state) : IEmulatedService
{
    public string Name => "avatarsdk";

    public void MapRoutes(IEndpointRouteBuilder service)
    {
        new TokenRoutes(state).Map(service);
        new ExportRoutes(state).MapPublic(service);
        new SelfieRoutes(state).MapUploadPage(service);

        var api = service.MapGroup(string.Empty).RequireAccess(state);
        new PlayerRoutes(state).Map(api);
        new AvatarRoutes(state).Map(api);
        new AssetRoutes(state).Map(api);
        new ExportRoutes(state).Map(api);
        new CatalogRoutes(state).Map(api);
        new SelfieRoutes(state).Map(api);
    }

    public void MapControlRoutes(IEndpointRouteBuilder control) => new AvatarSdkControlRoutes(state).Map(control);

    public void Reset() => state.Reset();

    public ValueTask DisposeAsync() => state.DisposeAsync();
}
