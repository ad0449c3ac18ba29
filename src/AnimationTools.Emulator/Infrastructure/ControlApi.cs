namespace AnimationTools.Emulator.Infrastructure;

/// <summary>The service-agnostic part of <c>/_emulator</c>: request log, faults, reset, the list of services and of routes.</summary>
internal static class ControlApi
{
    public static void Map(IEndpointRouteBuilder app, EmulatorState state, IReadOnlyList<IEmulatedService> services)
    {
        var control = app.MapGroup("/" + ServicePath.ControlSegment);

        control.MapGet("/services", (HttpContext context) =>
            ApiResults.Json(services.Select(s => new { name = s.Name, url = $"{BaseUrl(context)}/{s.Name}" })));

        control.MapGet("/routes", (EndpointDataSource endpoints) => ApiResults.Json(RouteCatalog.List(endpoints, services)));

        control.MapGet("/requests", (string? service) => ApiResults.Json(state.Requests.List(service)));
        control.MapDelete("/requests", () =>
        {
            state.Requests.Clear();
            return Results.NoContent();
        });

        control.MapGet("/faults", () => ApiResults.Json(state.Faults.List()));
        control.MapPost("/faults", (HttpRequest request) => AddFaultAsync(request, state.Faults));
        control.MapDelete("/faults", () =>
        {
            state.Faults.Clear();
            return Results.NoContent();
        });
        control.MapDelete("/faults/{id}", (string id) =>
            state.Faults.Remove(id) ? Results.NoContent() : ApiResults.NotFound($"No fault with id '{id}'."));

        control.MapPost("/reset", () =>
        {
            state.Reset();
            return Results.NoContent();
        });

        foreach (var service in services)
        {
            service.MapControlRoutes(control.MapGroup("/" + service.Name));
        }
    }

    public static string BaseUrl(HttpContext context) => $"{context.Request.Scheme}://{context.Request.Host}";

    private static async Task<IResult> AddFaultAsync(HttpRequest request, FaultRegistry faults)
    {
        var (definition, error) = await JsonBody.ReadAsync<FaultDefinition>(request);
        if (error is not null)
        {
            return error;
        }

        try
        {
            return ApiResults.Json(new { id = faults.Add(definition!) });
        }
        catch (ArgumentException ex)
        {
            return ApiResults.BadRequest(ex.Message);
        }
    }
}
