using System.Text.Json;
using AnimationTools.Emulator.Infrastructure;

namespace AnimationTools.Emulator.DeepMotion;

/// <summary>§12.1: the five webhook endpoint management routes (update is POST).</summary>
internal sealed class WebhookRoutes(WebhookEndpointStore endpoints)
{
    public void Map(IEndpointRouteBuilder api)
    {
        // Cast: a Task<IResult>(HttpContext) method group would bind as a RequestDelegate and its result be dropped.
        api.MapPost("/webhook_endpoints", (Delegate)CreateAsync);
        api.MapGet("/webhook_endpoints", (HttpContext context) =>
        {
            var list = endpoints.OfClient(SessionGate.Current(context).ClientId).Select(e => e.ToResource()).ToList();
            return ApiResults.Json(new { count = list.Count, endpoints = list });
        });
        api.MapGet("/webhook_endpoints/{id}", (string id, HttpContext context) =>
            endpoints.Find(SessionGate.Current(context).ClientId, id) is { } endpoint
                ? ApiResults.Json(endpoint.ToResource())
                : UnknownEndpoint(id));
        api.MapPost("/webhook_endpoints/{id}", UpdateAsync);
        api.MapDelete("/webhook_endpoints/{id}", (string id, HttpContext context) =>
            endpoints.Delete(SessionGate.Current(context).ClientId, id)
                ? ApiResults.Json(new { id, @object = "webhook_endpoint", deleted = true })
                : UnknownEndpoint(id));
    }

    private async Task<IResult> CreateAsync(HttpContext context)
    {
        var body = await JsonBody.ReadObjectAsync(context.Request);
        if (body.Error is not null)
        {
            return body.Error;
        }

        var (url, events, problem) = ReadFields(body.Root!.Value, required: true);
        if (problem is not null)
        {
            return ApiResults.BadRequest(problem);
        }

        var endpoint = endpoints.Add(SessionGate.Current(context).ClientId, url!, events!);
        return ApiResults.Json(endpoint.ToResource());
    }

    private async Task<IResult> UpdateAsync(string id, HttpContext context)
    {
        var clientId = SessionGate.Current(context).ClientId;
        if (endpoints.Find(clientId, id) is null)
        {
            return UnknownEndpoint(id);
        }

        var body = await JsonBody.ReadObjectAsync(context.Request);
        if (body.Error is not null)
        {
            return body.Error;
        }

        var (url, events, problem) = ReadFields(body.Root!.Value, required: false);
        if (problem is not null)
        {
            return ApiResults.BadRequest(problem);
        }

        return endpoints.Update(clientId, id, url, events) is { } updated ? ApiResults.Json(updated.ToResource()) : UnknownEndpoint(id);
    }

    private static (string? Url, IReadOnlyList<string>? Events, string? Problem) ReadFields(JsonElement root, bool required)
    {
        string? url = null;
        if (root.HasNonNull("url"))
        {
            url = root.OptionalString("url");
            if (!Uri.TryCreate(url, UriKind.Absolute, out var parsed) || (parsed.Scheme != Uri.UriSchemeHttp && parsed.Scheme != Uri.UriSchemeHttps))
            {
                return (null, null, "url must be an absolute http(s) URL.");
            }
        }
        else if (required)
        {
            return (null, null, "url is required.");
        }

        List<string>? events = null;
        if (root.HasNonNull("events"))
        {
            var value = root.GetProperty("events");
            if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
            {
                return (null, null, "events must be an array of event type strings.");
            }

            events = value.EnumerateArray().Select(e => e.GetString()!).Distinct().ToList();
            if (events.Count == 0)
            {
                return (null, null, "events must name at least one event type.");
            }

            var unknown = events.FirstOrDefault(e => !WebhookEndpoint.KnownEvents.Contains(e));
            if (unknown is not null)
            {
                return (null, null, $"Unknown event type '{unknown}'; known: {string.Join(", ", WebhookEndpoint.KnownEvents)}.");
            }
        }
        else if (required)
        {
            return (null, null, "events is required.");
        }

        return (url, events, null);
    }

    private static IResult UnknownEndpoint(string id) => ApiResults.NotFound($"No webhook endpoint '{id}'.");
}
