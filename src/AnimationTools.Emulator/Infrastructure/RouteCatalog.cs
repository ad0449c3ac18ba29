namespace AnimationTools.Emulator.Infrastructure;

/// <summary>
/// Every endpoint the emulator registered, as ASP.NET Core's routing holds it: its methods, its route template and the
/// service it belongs to (its first path segment; <c>_emulator</c> for the control API; null, so left out of the JSON, for
/// the emulator-wide fallback). docs/endpoints.md is checked against this list.
/// </summary>
internal static class RouteCatalog
{
    public sealed record RouteInfo(string? Service, IReadOnlyList<string> Methods, string Route, bool Control, bool Fallback);

    public static IReadOnlyList<RouteInfo> List(EndpointDataSource endpoints, IReadOnlyList<IEmulatedService> services) =>
        endpoints.Endpoints
            .OfType<RouteEndpoint>()
            .Select(e => Describe(e, services))
            .OrderBy(r => r.Route, StringComparer.Ordinal)
            .ThenBy(r => string.Join(",", r.Methods), StringComparer.Ordinal)
            .ToList();

    private static RouteInfo Describe(RouteEndpoint endpoint, IReadOnlyList<IEmulatedService> services)
    {
        var route = "/" + (endpoint.RoutePattern.RawText ?? string.Empty).TrimStart('/');
        // No method metadata: the endpoint answers every method (Danim's commands answer 405 themselves).
        var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Order(StringComparer.Ordinal).ToList()
            ?? [];
        var segment = ServicePath.ServiceOf(new PathString(route));
        var service = segment == ServicePath.ControlSegment || services.Any(s => s.Name == segment) ? segment : null;
        // MapFallback gives its endpoint the last order: it only answers what no other route matched.
        var fallback = endpoint.Order == int.MaxValue;
        return new RouteInfo(service, methods, route, service == ServicePath.ControlSegment, fallback);
    }
}
