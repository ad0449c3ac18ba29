namespace AnimationTools.Emulator.Infrastructure;

/// <summary>One emulated cloud service, mounted under <c>/{Name}</c> with its control routes under <c>/_emulator/{Name}</c>.</summary>
internal interface IEmulatedService : IAsyncDisposable
{
    /// <summary>First path segment of every route of the service, e.g. <c>deepmotion</c>.</summary>
    string Name { get; }

    void MapRoutes(IEndpointRouteBuilder service);

    void MapControlRoutes(IEndpointRouteBuilder control);

    /// <summary>Forgets everything the service holds (jobs, uploads, sessions...).</summary>
    void Reset();
}
