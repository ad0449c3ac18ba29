using System.Text.Json;
using AnimationTools.Emulator.Infrastructure;

namespace AnimationTools.Emulator.Danim;

/// <summary>Test hooks under <c>/_emulator/danim</c>.</summary>
internal sealed class DanimControlRoutes(DanimState state)
{
    public void Map(IEndpointRouteBuilder control)
    {
        control.MapGet("/config", () => ApiResults.Json(Settings()));
        control.MapPost("/config", ConfigureAsync);
        control.MapPost("/next-video", async (HttpRequest request) =>
        {
            var (overrides, error) = await JsonBody.ReadAsync<NextVideoOverrides>(request);
            if (error is not null)
            {
                return error;
            }

            if (overrides!.PendingMs < 0 || overrides.GeneratingMs < 0)
            {
                return ApiResults.BadRequest("pendingMs and generatingMs cannot be negative.");
            }

            state.SetNextVideo(overrides);
            return Results.NoContent();
        });
        control.MapPost("/videos/{id}/fail", async (string id, HttpRequest request) =>
        {
            var body = await JsonBody.ReadObjectAsync(request, emptyIsEmptyObject: true);
            if (body.Error is not null)
            {
                return body.Error;
            }

            if (state.Videos.FindAny(id) is null)
            {
                return ApiResults.NotFound($"No video '{id}'.");
            }

            return state.FailVideo(id, body.Root!.Value.OptionalString("type"), body.Root.Value.OptionalString("message"))
                ? Results.NoContent()
                : ApiResults.Message(StatusCodes.Status409Conflict, $"Video '{id}' is not being generated (DRAFT, DONE or FAILED).");
        });
        control.MapPost("/next-error", async (HttpRequest request) =>
        {
            var body = await JsonBody.ReadObjectAsync(request);
            if (body.Error is not null)
            {
                return body.Error;
            }

            var root = body.Root!.Value;
            var route = root.OptionalString("route");
            var type = root.OptionalString("type");
            var count = root.TryGetProperty("count", out var c) && c.ValueKind == JsonValueKind.Number ? c.GetInt32() : 1;
            if (route is null || type is null || count < 1)
            {
                return ApiResults.BadRequest("route (e.g. /write/video/generate) and type (a meta.type) are required; count at least 1.");
            }

            try
            {
                state.FailNextRequests(route, type, root.OptionalString("message"), count);
                return Results.NoContent();
            }
            catch (ArgumentException ex)
            {
                return ApiResults.BadRequest(ex.Message);
            }
        });
        control.MapGet("/videos", () => ApiResults.Json(state.ListVideos()));
        control.MapGet("/uploads", () => ApiResults.Json(state.ListFiles()));
        control.MapGet("/callbacks", () => ApiResults.Json(state.CallbackDeliveries()));
        control.MapGet("/workspaces", () => ApiResults.Json(state.ListWorkspaces()));
        control.MapGet("/templates", () => ApiResults.Json(state.Templates.All().Select(t => new
        {
            id = t.Id, name = t.Name, inputs = t.Inputs, workspaceId = t.WorkspaceId, seeded = t.Seeded,
        })));
        control.MapPost("/templates", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            try
            {
                return ApiResults.Json(new { id = state.PutTemplate(await reader.ReadToEndAsync(request.HttpContext.RequestAborted)) });
            }
            catch (FormatException ex)
            {
                return ApiResults.BadRequest(ex.Message);
            }
        });
        control.MapPost("/validate", ValidateAsync);
    }

    private async Task<IResult> ValidateAsync(HttpRequest request)
    {
        var body = await JsonBody.ReadObjectAsync(request);
        if (body.Error is not null)
        {
            return body.Error;
        }

        var root = body.Root!.Value;
        var templateId = root.OptionalString("templateId");
        if (templateId is null || !root.TryGetProperty("templateData", out var data) || data.ValueKind != JsonValueKind.Object)
        {
            return ApiResults.BadRequest("templateId (a string) and templateData (an object) are required.");
        }

        if (state.Templates.Find(templateId) is null)
        {
            return ApiResults.NotFound($"No template '{templateId}'.");
        }

        var report = await state.ValidateAsync(templateId, data.GetRawText(), root.OptionalString("appId") ?? "demo", request.HttpContext.RequestAborted);
        return ApiResults.Json(new { valid = report.IsValid, errors = report.Errors, warnings = report.Warnings });
    }

    private async Task<IResult> ConfigureAsync(HttpRequest request)
    {
        var body = await JsonBody.ReadObjectAsync(request, emptyIsEmptyObject: true);
        if (body.Error is not null)
        {
            return body.Error;
        }

        var root = body.Root!.Value;
        var options = state.Options.Clone();
        try
        {
            if (Number(root, "pendingMs") is { } pending) options.PendingTime = TimeSpan.FromMilliseconds(pending);
            if (Number(root, "generatingMs") is { } generating) options.GeneratingTime = TimeSpan.FromMilliseconds(generating);
            if (Number(root, "requestsPerMinute") is { } requests) options.RequestsPerMinute = (int)requests;
            if (Number(root, "rateLimitWindowSeconds") is { } window) options.RateLimitWindow = TimeSpan.FromSeconds(window);
            if (Number(root, "fileLifetimeSeconds") is { } lifetime) options.FileLifetime = TimeSpan.FromSeconds(lifetime);
            if (Number(root, "maxFileBytes") is { } maxBytes) options.MaxFileBytes = (long)maxBytes;
            if (Number(root, "clockOffsetSeconds") is { } offset) options.ClockOffset = TimeSpan.FromSeconds(offset);
            if (Number(root, "advanceClockSeconds") is { } advance) options.ClockOffset += TimeSpan.FromSeconds(advance);
            if (Number(root, "callbackMaxAttempts") is { } attempts) options.CallbackMaxAttempts = (int)attempts;
            if (Number(root, "callbackBaseDelayMs") is { } delay) options.CallbackBaseDelay = TimeSpan.FromMilliseconds(delay);
            if (root.TryGetProperty("requireWorkspace", out var require)) options.RequireWorkspace = require.GetBoolean();
            if (root.TryGetProperty("generationQuota", out var quota) && quota.ValueKind is not (JsonValueKind.Number or JsonValueKind.Null))
            {
                throw new ArgumentException("generationQuota must be a number or null.");
            }

            if (root.TryGetProperty("credits", out var credits) && credits.ValueKind is not (JsonValueKind.Number or JsonValueKind.Null))
            {
                throw new ArgumentException("credits must be a number or null.");
            }

            options.Validate();
            if (root.TryGetProperty("generationQuota", out quota))
            {
                options.GenerationQuota = quota.ValueKind == JsonValueKind.Null ? null : quota.GetInt32();
                options.Validate();
            }

            Apply(options);
            if (root.TryGetProperty("generationQuota", out _))
            {
                state.SetGenerationQuota(options.GenerationQuota);
            }

            if (root.TryGetProperty("credits", out credits))
            {
                state.Credits = credits.ValueKind == JsonValueKind.Null ? null : credits.GetDouble();
            }
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or FormatException or OverflowException)
        {
            return ApiResults.BadRequest(ex.Message);
        }

        return ApiResults.Json(Settings());
    }

    private void Apply(DanimOptions changed)
    {
        var options = state.Options;
        options.PendingTime = changed.PendingTime;
        options.GeneratingTime = changed.GeneratingTime;
        options.RequestsPerMinute = changed.RequestsPerMinute;
        options.RateLimitWindow = changed.RateLimitWindow;
        options.FileLifetime = changed.FileLifetime;
        options.MaxFileBytes = changed.MaxFileBytes;
        options.ClockOffset = changed.ClockOffset;
        options.CallbackMaxAttempts = changed.CallbackMaxAttempts;
        options.CallbackBaseDelay = changed.CallbackBaseDelay;
        options.RequireWorkspace = changed.RequireWorkspace;
    }

    /// <summary>The running settings; a dictionary so that the null limits (no quota, no credits) are written too.</summary>
    private Dictionary<string, object?> Settings()
    {
        var options = state.Options;
        return new Dictionary<string, object?>
        {
            ["pendingMs"] = options.PendingTime.TotalMilliseconds,
            ["generatingMs"] = options.GeneratingTime.TotalMilliseconds,
            ["requestsPerMinute"] = options.RequestsPerMinute,
            ["rateLimitWindowSeconds"] = options.RateLimitWindow.TotalSeconds,
            ["generationQuota"] = options.GenerationQuota,
            ["generationsUsed"] = state.Apps.Keys.ToDictionary(id => id, id => state.GenerationsUsed(id)),
            ["credits"] = state.Credits,
            ["fileLifetimeSeconds"] = options.FileLifetime.TotalSeconds,
            ["maxFileBytes"] = options.MaxFileBytes,
            ["clockOffsetSeconds"] = options.ClockOffset.TotalSeconds,
            ["now"] = state.Now,
            ["callbackMaxAttempts"] = options.CallbackMaxAttempts,
            ["callbackBaseDelayMs"] = options.CallbackBaseDelay.TotalMilliseconds,
            ["requireWorkspace"] = options.RequireWorkspace,
        };
    }

    private static double? Number(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number ? value.GetDouble() : throw new ArgumentException($"{name} must be a number.");
    }
}
