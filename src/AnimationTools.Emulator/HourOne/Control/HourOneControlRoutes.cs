using AnimationTools.Emulator.Infrastructure;

namespace AnimationTools.Emulator.HourOne;

/// <summary>Test hooks under <c>/_emulator/hourone</c>.</summary>
internal sealed class HourOneControlRoutes(HourOneState state)
{
    public void Map(IEndpointRouteBuilder control)
    {
        control.MapPost("/config", ConfigureAsync);
        control.MapPost("/next-video", async (HttpRequest request) =>
        {
            var (overrides, error) = await JsonBody.ReadAsync<NextVideoOverrides>(request);
            if (error is not null)
            {
                return error;
            }

            try
            {
                state.SetNextVideo(overrides!);
                return Results.NoContent();
            }
            catch (ArgumentOutOfRangeException ex)
            {
                return ApiResults.BadRequest(ex.Message);
            }
        });
        control.MapPost("/videos/{id}/end", EndVideoAsync);
        control.MapPost("/videos/{id}/publish", (string id) =>
        {
            if (state.Videos.Find(id) is null)
            {
                return ApiResults.NotFound($"No video '{id}'.");
            }

            return state.PublishVideo(id) ? Results.NoContent() : ApiResults.Message(StatusCodes.Status409Conflict, $"Video '{id}' is not ready.");
        });
        control.MapGet("/videos", () => ApiResults.Json(state.ListVideos()));
        control.MapPost("/videos/seed", async (HttpRequest request) =>
        {
            var (body, error) = await JsonBody.ReadAsync<SeedRequest>(request);
            if (error is not null)
            {
                return error;
            }

            if (body!.Count is < 1 or > 10000 || body.Outcome is not (VideoOutcome.Ready or VideoOutcome.Failed or VideoOutcome.Stopped or VideoOutcome.Cancelled))
            {
                return ApiResults.BadRequest("count must be 1-10000 and outcome ready, failed, stopped or cancelled.");
            }

            return ApiResults.Json(new { ids = state.SeedVideos(body.Count, body.Outcome, body.CorrelationPrefix) });
        });
        control.MapPost("/drafts", AddDraftAsync);
        control.MapPost("/webhooks", AddWebhookAsync);
        control.MapGet("/webhooks", () => ApiResults.Json(state.ListWebhooks()));
        control.MapDelete("/webhooks/{id}", (string id) =>
            state.RemoveWebhook(id) ? Results.NoContent() : ApiResults.NotFound($"No webhook '{id}'."));
        control.MapGet("/webhook-deliveries", () => ApiResults.Json(state.WebhookDeliveries()));
    }

    private async Task<IResult> EndVideoAsync(string id, HttpRequest request)
    {
        var (body, error) = await JsonBody.ReadAsync<EndRequest>(request);
        if (error is not null)
        {
            return error;
        }

        if (body!.Status == VideoOutcome.Ready)
        {
            return ApiResults.BadRequest("status must be failed, stopped or cancelled.");
        }

        if (state.Videos.Find(id) is null)
        {
            return ApiResults.NotFound($"No video '{id}'.");
        }

        return state.EndVideo(id, body.Status, body.Reason)
            ? Results.NoContent()
            : ApiResults.Message(StatusCodes.Status409Conflict, $"Video '{id}' has already finished.");
    }

    private async Task<IResult> AddWebhookAsync(HttpRequest request)
    {
        var (body, error) = await JsonBody.ReadAsync<WebhookRequest>(request);
        if (error is not null)
        {
            return error;
        }

        if (!Uri.TryCreate(body!.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            return ApiResults.BadRequest("url must be an absolute http(s) URL.");
        }

        if (body.Events is { } events && (events.Count == 0 || events.Any(e => !WebhookEndpoints.KnownEvents.Contains(e))))
        {
            return ApiResults.BadRequest($"events must name at least one of: {string.Join(", ", WebhookEndpoints.KnownEvents)}.");
        }

        if (body.SigningSecret is { Length: 0 })
        {
            return ApiResults.BadRequest("signingSecret cannot be empty (omit it to get a generated one).");
        }

        return ApiResults.Json(state.AddWebhook(body.Url!, body.SigningSecret, body.Events?.Distinct().ToList()));
    }

    private async Task<IResult> AddDraftAsync(HttpRequest request)
    {
        var (body, error) = await JsonBody.ReadAsync<DraftRequest>(request);
        if (error is not null)
        {
            return error;
        }

        if (string.IsNullOrWhiteSpace(body!.Id) || body.Scenes is not { Count: > 0 } scenes || scenes.Any(s => string.IsNullOrWhiteSpace(s.Name)))
        {
            return ApiResults.BadRequest("id and at least one scene, each with a name, are required.");
        }

        var draft = new CatalogProject(body.Id, body.Name ?? body.Id,
            scenes.Select(s => new CatalogScene(s.Name!, s.Texts ?? [], s.Media ?? [], s.Transcript ?? string.Empty)).ToList(),
            "demo-character", "demo-voice", "demo-palette");
        state.AddDraft(draft);
        return ApiResults.Json(new { id = draft.Id, scenes = draft.Scenes.Count });
    }

    private async Task<IResult> ConfigureAsync(HttpRequest request)
    {
        var (change, error) = await JsonBody.ReadAsync<ConfigChange>(request);
        if (error is not null)
        {
            return error;
        }

        if (change!.ApiKey is { } key && string.IsNullOrWhiteSpace(key))
        {
            return ApiResults.BadRequest("apiKey cannot be empty.");
        }

        if (change.StartedMs < 0 || change.ProcessingMs < 0 || change.PublishDelayMs < 0 || change.VoicePreviewMs < 0 || change.WebhookBaseDelayMs < 0
            || change.ProgressStep is < 1 or > 100 || change.RateLimitRequests < 0 || change.RateLimitWindowSeconds <= 0 || change.WebhookMaxAttempts < 1)
        {
            return ApiResults.BadRequest("Times cannot be negative, progressStep must be 1-100, rateLimitRequests not negative, rateLimitWindowSeconds positive, webhookMaxAttempts at least 1.");
        }

        var options = state.Options;
        if (change.ApiKey is { } apiKey) options.ApiKey = apiKey;
        if (change.StartedMs is { } started) options.StartedTime = TimeSpan.FromMilliseconds(started);
        if (change.ProcessingMs is { } processing) options.ProcessingTime = TimeSpan.FromMilliseconds(processing);
        if (change.ProgressStep is { } step) options.ProgressStep = step;
        if (change.PublishDelayMs is { } publish) options.PublishDelay = TimeSpan.FromMilliseconds(publish);
        if (change.NeverPublish == true) options.PublishDelay = null;
        if (change.VoicePreviewMs is { } voice) options.VoicePreviewTime = TimeSpan.FromMilliseconds(voice);
        if (change.RateLimitRequests is { } limit) options.RateLimitRequests = limit;
        if (change.RateLimitWindowSeconds is { } window) options.RateLimitWindow = TimeSpan.FromSeconds(window);
        if (change.WebhookMaxAttempts is { } attempts) options.WebhookMaxAttempts = attempts;
        if (change.WebhookBaseDelayMs is { } delay) options.WebhookBaseDelay = TimeSpan.FromMilliseconds(delay);
        return ApiResults.Json(new
        {
            apiKey = options.ApiKey,
            startedMs = options.StartedTime.TotalMilliseconds,
            processingMs = options.ProcessingTime.TotalMilliseconds,
            progressStep = options.ProgressStep,
            publishDelayMs = options.PublishDelay?.TotalMilliseconds,
            voicePreviewMs = options.VoicePreviewTime.TotalMilliseconds,
            rateLimitRequests = options.RateLimitRequests,
            rateLimitWindowSeconds = options.RateLimitWindow.TotalSeconds,
            webhookMaxAttempts = options.WebhookMaxAttempts,
            webhookBaseDelayMs = options.WebhookBaseDelay.TotalMilliseconds,
        });
    }

    private sealed class ConfigChange
    {
        public string? ApiKey { get; set; }
        public double? StartedMs { get; set; }
        public double? ProcessingMs { get; set; }
        public int? ProgressStep { get; set; }
        public double? PublishDelayMs { get; set; }
        public bool? NeverPublish { get; set; }
        public double? VoicePreviewMs { get; set; }
        public int? RateLimitRequests { get; set; }
        public double? RateLimitWindowSeconds { get; set; }
        public int? WebhookMaxAttempts { get; set; }
        public double? WebhookBaseDelayMs { get; set; }
    }

    private sealed class EndRequest
    {
        public VideoOutcome Status { get; set; } = VideoOutcome.Failed;
        public string? Reason { get; set; }
    }

    private sealed class SeedRequest
    {
        public int Count { get; set; } = 1;
        public VideoOutcome Outcome { get; set; }
        public string? CorrelationPrefix { get; set; }
    }

    private sealed class WebhookRequest
    {
        public string? Url { get; set; }
        public string? SigningSecret { get; set; }
        public List<string>? Events { get; set; }
    }

    private sealed class DraftRequest
    {
        public string? Id { get; set; }
        public string? Name { get; set; }
        public List<SceneRequest>? Scenes { get; set; }

        public sealed class SceneRequest
        {
            public string? Name { get; set; }
            public List<string>? Texts { get; set; }
            public List<string>? Media { get; set; }
            public string? Transcript { get; set; }
        }
    }
}
