using AnimationTools.Emulator.Infrastructure;

namespace AnimationTools.Emulator.Teleport;

/// <summary>Test hooks under <c>/_emulator/teleport</c>.</summary>
internal sealed class TeleportControlRoutes(TeleportState state)
{
    public void Map(IEndpointRouteBuilder control)
    {
        control.MapGet("/config", () => ApiResults.Json(Settings(state.Options)));
        control.MapPost("/config", ConfigureAsync);
        control.MapPost("/tokens/expire", () =>
        {
            state.ExpireTokens();
            return Results.NoContent();
        });
        control.MapGet("/tokens", () => ApiResults.Json(new { issued = state.TokensIssued }));
        control.MapPost("/part-urls/expire", () => ApiResults.Json(new { expired = state.ExpirePartUrls() }));
        control.MapPost("/next-capture", async (HttpRequest request) =>
        {
            var (overrides, error) = await JsonBody.ReadAsync<NextCaptureOverrides>(request);
            if (error is not null)
            {
                return error;
            }

            if (overrides!.ProcessingMs is < 0)
            {
                return ApiResults.BadRequest("processingMs cannot be negative.");
            }

            state.SetNextCapture(overrides);
            return Results.NoContent();
        });
        control.MapPost("/captures/{eid}/fail", async (string eid, HttpRequest request) =>
        {
            var (body, error) = await JsonBody.ReadAsync<FailRequest>(request);
            return error ?? EndProcessing(eid, string.IsNullOrEmpty(body!.ErrorReason) ? ErrorReasons.NotEnoughFrames : body.ErrorReason);
        });
        control.MapPost("/captures/{eid}/ready", (string eid) => EndProcessing(eid, null));
        control.MapPost("/captures/seed", SeedAsync);
        control.MapGet("/captures", () => ApiResults.Json(state.ListCaptures()));
        control.MapGet("/uploads", () => ApiResults.Json(state.Uploads()));
        control.MapGet("/uploads/{eid}", (string eid) =>
            state.UploadOf(eid) is { } upload ? ApiResults.Json(upload) : ApiResults.NotFound($"No capture '{eid}'."));
        control.MapGet("/uploads/{eid}/file", ReadBackAsync);
        control.MapMethods("/webhook", [HttpMethods.Post, HttpMethods.Put], SetWebhookAsync);
        control.MapGet("/webhook", () => ApiResults.Json(state.Webhooks.List()));
        control.MapDelete("/webhook", (string? clientId) =>
            state.Webhooks.Remove(clientId) ? Results.NoContent() : ApiResults.NotFound("No webhook registered for that organisation."));
        control.MapGet("/webhook-deliveries", () => ApiResults.Json(state.WebhookDeliveries()));
    }

    private IResult EndProcessing(string eid, string? errorReason)
    {
        if (state.Find(eid) is null)
        {
            return ApiResults.NotFound($"No capture '{eid}'.");
        }

        return state.EndProcessing(eid, errorReason)
            ? Results.NoContent()
            : ApiResults.Message(StatusCodes.Status409Conflict, $"Capture '{eid}' is not processing.");
    }

    /// <summary>The uploaded file, its parts in order (only when parts are stored and every one is there).</summary>
    private async Task ReadBackAsync(string eid, HttpContext context)
    {
        if (state.Find(eid) is not { } capture)
        {
            await ApiResults.NotFound($"No capture '{eid}'.").ExecuteAsync(context);
            return;
        }

        var upload = capture.Upload;
        if (!upload.CanReadBack())
        {
            await ApiResults.Message(StatusCodes.Status409Conflict, upload.Folder is null
                ? "The parts of this capture were only hashed (storeUploads was false)."
                : "Not every part has been uploaded.").ExecuteAsync(context);
            return;
        }

        context.Response.ContentType = "application/octet-stream";
        context.Response.ContentLength = upload.Bytesize;
        for (var part = 1; part <= upload.NumParts; part++)
        {
            await using var file = File.OpenRead(upload.PartPath(part));
            await file.CopyToAsync(context.Response.Body, context.RequestAborted);
        }
    }

    private async Task<IResult> SetWebhookAsync(HttpRequest request)
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

        if (body.Secret is { Length: 0 })
        {
            return ApiResults.BadRequest("secret cannot be empty (leave it out to keep the current one or get a new one).");
        }

        return ApiResults.Json(state.SetWebhook(body.Url!, body.Secret, body.ClientId));
    }

    private async Task<IResult> SeedAsync(HttpRequest request)
    {
        var (body, error) = await JsonBody.ReadAsync<SeedRequest>(request);
        if (error is not null)
        {
            return error;
        }

        if (body!.Count is < 1 or > 10000)
        {
            return ApiResults.BadRequest("count must be 1-10000.");
        }

        var captureState = (body.State ?? CaptureStates.Ready).ToUpperInvariant();
        if (!CaptureStates.All.Contains(captureState))
        {
            return ApiResults.BadRequest($"state must be one of {string.Join(", ", CaptureStates.All)}.");
        }

        var format = body.InputDataFormat ?? InputDataFormats.Video;
        if (!InputDataFormats.All.Contains(format))
        {
            return ApiResults.BadRequest($"inputDataFormat must be one of {string.Join(", ", InputDataFormats.All)}.");
        }

        return ApiResults.Json(new { eids = state.SeedCaptures(body.Count, body.ClientId ?? "demo", body.Name, captureState, body.ErrorReason, format) });
    }

    private async Task<IResult> ConfigureAsync(HttpRequest request)
    {
        var (change, error) = await JsonBody.ReadAsync<ConfigChange>(request);
        if (error is not null)
        {
            return error;
        }

        if (change!.TokenLifetimeSeconds <= 0 || change.ChunkSize < 1 || change.PartUrlLifetimeSeconds <= 0 || change.ProcessingMs < 0
            || change.PartBandwidth < 0 || change.WebhookMaxAttempts < 1 || change.WebhookBaseDelayMs < 0)
        {
            return ApiResults.BadRequest("tokenLifetimeSeconds and partUrlLifetimeSeconds must be positive, chunkSize and webhookMaxAttempts at least 1, "
                + "processingMs, partBandwidth (0 = no cap) and webhookBaseDelayMs not negative.");
        }

        var options = state.Options;
        if (change.TokenLifetimeSeconds is { } lifetime) options.TokenLifetime = TimeSpan.FromSeconds(lifetime);
        if (change.ChunkSize is { } chunk) options.ChunkSize = chunk;
        if (change.PartUrlLifetimeSeconds is { } urlLifetime) options.PartUrlLifetime = TimeSpan.FromSeconds(urlLifetime);
        if (change.ProcessingMs is { } processing) options.ProcessingTime = TimeSpan.FromMilliseconds(processing);
        if (change.PartBandwidth is { } bandwidth) options.PartBandwidth = bandwidth == 0 ? null : bandwidth;
        if (change.StoreUploads is { } store) options.StoreUploads = store;
        if (change.ModelsAsObject is { } asObject) options.ModelsAsObject = asObject;
        if (change.WebhookMaxAttempts is { } attempts) options.WebhookMaxAttempts = attempts;
        if (change.WebhookBaseDelayMs is { } delay) options.WebhookBaseDelay = TimeSpan.FromMilliseconds(delay);
        return ApiResults.Json(Settings(options));
    }

    private static object Settings(TeleportOptions options) => new
    {
        tokenLifetimeSeconds = options.TokenLifetime.TotalSeconds,
        chunkSize = options.ChunkSize,
        partUrlLifetimeSeconds = options.PartUrlLifetime.TotalSeconds,
        processingMs = options.ProcessingTime.TotalMilliseconds,
        partBandwidth = options.PartBandwidth ?? 0,
        storeUploads = options.StoreUploads,
        modelsAsObject = options.ModelsAsObject,
        webhookMaxAttempts = options.WebhookMaxAttempts,
        webhookBaseDelayMs = options.WebhookBaseDelay.TotalMilliseconds,
    };

    private sealed class ConfigChange
    {
        public double? TokenLifetimeSeconds { get; set; }
        public long? ChunkSize { get; set; }
        public double? PartUrlLifetimeSeconds { get; set; }
        public double? ProcessingMs { get; set; }
        public long? PartBandwidth { get; set; }
        public bool? StoreUploads { get; set; }
        public bool? ModelsAsObject { get; set; }
        public int? WebhookMaxAttempts { get; set; }
        public double? WebhookBaseDelayMs { get; set; }
    }

    private sealed class FailRequest
    {
        public string? ErrorReason { get; set; }
    }

    private sealed class WebhookRequest
    {
        public string? Url { get; set; }
        public string? Secret { get; set; }
        public string? ClientId { get; set; }
    }

    private sealed class SeedRequest
    {
        public int Count { get; set; } = 1;
        public string? ClientId { get; set; }
        public string? Name { get; set; }
        public string? State { get; set; }
        public string? ErrorReason { get; set; }
        public string? InputDataFormat { get; set; }
    }
}
