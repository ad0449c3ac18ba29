using System.Globalization;
using System.Text.Json.Nodes;

namespace AnimationTools.Emulator.AvatarSdk;

/// <summary>
/// Discovery and account routes: <c>/parameters/{available|default}/{pipeline}/</c>,
/// <c>/export_parameters/available/{pipeline}/</c>, <c>/static_resources/…</c> (§7.2, §7.6) and
/// <c>/billing/statistics/</c> (§10).
/// </summary>
internal sealed class CatalogRoutes(AvatarSdkState state)
{
    public void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/parameters/available/{pipeline}/", (string pipeline, HttpContext context) =>
            WithPipeline(context, pipeline, (p, s) => new JsonObject { [s] = PipelineCatalog.Available(p, s) }));
        api.MapGet("/parameters/default/{pipeline}/", (string pipeline, HttpContext context) =>
            WithPipeline(context, pipeline, (p, s) => new JsonObject { [s] = PipelineCatalog.Defaults(p) }));
        api.MapGet("/export_parameters/available/{pipeline}/", (string pipeline, HttpContext context) =>
            WithPipeline(context, pipeline, (p, s) => PipelineCatalog.IsExportPipeline(p) ? PipelineCatalog.ExportAvailable(p, s) : null));
        api.MapGet("/static_resources/available/{pipeline}/", StaticResourceList);
        api.MapGet("/static_resources/" + StaticResources.Pipeline + "/{**path}", (string path) =>
            StaticResources.Content($"static_resources/{StaticResources.Pipeline}/{path}") is { } file
                ? Results.File(file.Content, file.ContentType, path[(path.LastIndexOf('/') + 1)..])
                : Drf.NotFound());
        api.MapGet("/billing/statistics/", Billing);
    }

    private static IResult WithPipeline(HttpContext context, string pipeline, Func<string, string, JsonObject?> answer)
    {
        try
        {
            var (p, s) = PipelineCatalog.Resolve(pipeline, context.Request.Query["pipeline_subtype"].ToString());
            return answer(p, s) is { } body
                ? Results.Text(body.ToJsonString(), "application/json")
                : Drf.Detail(StatusCodes.Status400BadRequest, $"The {p} pipeline has no export parameters.");
        }
        catch (FieldException ex)
        {
            return Drf.Detail(StatusCodes.Status400BadRequest, ex.Message);
        }
    }

    /// <summary>Filters are case-sensitive and take comma-separated values.</summary>
    private static IResult StaticResourceList(string pipeline, HttpContext context)
    {
        if (!PipelineCatalog.Subtypes.ContainsKey(pipeline))
        {
            return Drf.Detail(StatusCodes.Status400BadRequest, $"Unknown pipeline \"{pipeline}\".");
        }

        if (pipeline != StaticResources.Pipeline)
        {
            return Results.Text("{}", "application/json");
        }

        HashSet<string>? Filter(string name)
        {
            var values = context.Request.Query[name].SelectMany(v => (v ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToHashSet(StringComparer.Ordinal);
            return values.Count == 0 ? null : values;
        }

        var body = StaticResources.Available(path => AvatarSdkUrls.Api(context, path), Filter("pipeline_subtype"), Filter("lod"), Filter("texture_profile"), Filter("category"));
        return Results.Text(body.ToJsonString(), "application/json");
    }

    /// <summary>The current billing period is the calendar month; with since/until only <c>created</c> is answered.</summary>
    private IResult Billing(HttpContext context)
    {
        var caller = Caller.Of(context);
        var now = state.Clock.GetUtcNow();
        var sinceText = context.Request.Query["since"].ToString();
        var untilText = context.Request.Query["until"].ToString();
        if (sinceText.Length > 0 || untilText.Length > 0)
        {
            if (!TryDate(sinceText, DateTimeOffset.MinValue, out var since))
            {
                return Drf.Field("since", "Enter a valid date/time.");
            }

            if (!TryDate(untilText, DateTimeOffset.MaxValue, out var until))
            {
                return Drf.Field("until", "Enter a valid date/time.");
            }

            return Drf.Json(new Dictionary<string, int> { ["created"] = state.CountCreated(caller.ClientId, since, until) });
        }

        var start = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero);
        var created = state.CountCreated(caller.ClientId, start, start.AddMonths(1));
        var plan = state.Options.PrepaidAvatars;
        return Drf.Json(new Dictionary<string, int> { ["created"] = created, ["prepaid"] = Math.Max(0, plan - created), ["to_pay"] = Math.Max(0, created - plan) });
    }

    private static bool TryDate(string text, DateTimeOffset fallback, out DateTimeOffset value)
    {
        value = fallback;
        return text.Length == 0 || DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);
    }
}
