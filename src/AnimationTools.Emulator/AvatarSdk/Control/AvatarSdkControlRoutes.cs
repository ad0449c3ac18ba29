using AnimationTools.Emulator.Infrastructure;

namespace AnimationTools.Emulator.AvatarSdk;

/// <summary>Test hooks under <c>/_emulator/avatarsdk</c>.</summary>
internal sealed class AvatarSdkControlRoutes(AvatarSdkState state)
{
    public void Map(IEndpointRouteBuilder control)
    {
        control.MapPost("/tokens/expire", () =>
        {
            state.ExpireTokens();
            return Results.NoContent();
        });
        control.MapGet("/tokens", () => ApiResults.Json(new { issued = state.TokensIssued }));
        control.MapPost("/config", ConfigureAsync);
        control.MapPost("/next-avatar", async (HttpRequest request) =>
        {
            var (overrides, error) = await JsonBody.ReadAsync<NextAvatarOverrides>(request);
            if (error is not null)
            {
                return error;
            }

            state.SetNextAvatar(overrides!);
            return Results.NoContent();
        });
        control.MapPost("/next-export/fail", () =>
        {
            state.FailNextExport();
            return Results.NoContent();
        });
        control.MapPost("/avatars/{code}/fail", async (string code, HttpRequest request) =>
        {
            var (body, error) = await JsonBody.ReadAsync<FailRequest>(request);
            if (error is not null)
            {
                return error;
            }

            if (state.Find(code) is null)
            {
                return ApiResults.NotFound($"No avatar '{code}'.");
            }

            return state.FailAvatar(code, body!.Outcome == AvatarOutcome.Completed ? AvatarOutcome.Failed : body.Outcome, body.Code, body.Message)
                ? Results.NoContent()
                : ApiResults.Message(StatusCodes.Status409Conflict, $"Avatar '{code}' has already finished.");
        });
        control.MapPost("/avatars/seed", async (HttpRequest request) =>
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

            try
            {
                return ApiResults.Json(new { codes = state.SeedAvatars(body.Count, body.ClientId ?? "demo", body.PlayerCode, body.Name, body.Description, body.Pipeline, body.Status) });
            }
            catch (FieldException ex)
            {
                return ApiResults.BadRequest(ex.Message);
            }
        });
        control.MapGet("/avatars", () => ApiResults.Json(state.ListAvatars()));
    }

    private async Task<IResult> ConfigureAsync(HttpRequest request)
    {
        var (change, error) = await JsonBody.ReadAsync<ConfigChange>(request);
        if (error is not null)
        {
            return error;
        }

        if (change!.TokenLifetimeSeconds <= 0 || change.ThrottleRequests < 1 || change.ThrottleWindowSeconds <= 0
            || change.UploadingMs < 0 || change.QueuedMs < 0 || change.ComputingMs < 0 || change.ExportMs < 0 || change.PrepaidAvatars < 0)
        {
            return ApiResults.BadRequest("tokenLifetimeSeconds, throttleRequests and throttleWindowSeconds must be positive; times and prepaidAvatars not negative.");
        }

        var options = state.Options;
        if (change.TokenLifetimeSeconds is { } lifetime) options.TokenLifetime = TimeSpan.FromSeconds(lifetime);
        if (change.UploadingMs is { } uploading) options.UploadingTime = TimeSpan.FromMilliseconds(uploading);
        if (change.QueuedMs is { } queued) options.QueuedTime = TimeSpan.FromMilliseconds(queued);
        if (change.ComputingMs is { } computing) options.ComputingTime = TimeSpan.FromMilliseconds(computing);
        if (change.ExportMs is { } export) options.ExportTime = TimeSpan.FromMilliseconds(export);
        if (change.ThrottleRequests is { } requests) options.ThrottleRequests = requests;
        if (change.ThrottleWindowSeconds is { } window) options.ThrottleWindow = TimeSpan.FromSeconds(window);
        if (change.ClientAccess is { } clientAccess) options.ClientAccess = clientAccess;
        if (change.PrepaidAvatars is { } prepaid) options.PrepaidAvatars = prepaid;
        return ApiResults.Json(new
        {
            tokenLifetimeSeconds = options.TokenLifetime.TotalSeconds,
            uploadingMs = options.UploadingTime.TotalMilliseconds,
            queuedMs = options.QueuedTime.TotalMilliseconds,
            computingMs = options.ComputingTime.TotalMilliseconds,
            exportMs = options.ExportTime.TotalMilliseconds,
            throttleRequests = options.ThrottleRequests,
            throttleWindowSeconds = options.ThrottleWindow.TotalSeconds,
            clientAccess = options.ClientAccess,
            prepaidAvatars = options.PrepaidAvatars,
        });
    }

    private sealed class ConfigChange
    {
        public double? TokenLifetimeSeconds { get; set; }
        public double? UploadingMs { get; set; }
        public double? QueuedMs { get; set; }
        public double? ComputingMs { get; set; }
        public double? ExportMs { get; set; }
        public int? ThrottleRequests { get; set; }
        public double? ThrottleWindowSeconds { get; set; }
        public bool? ClientAccess { get; set; }
        public int? PrepaidAvatars { get; set; }
    }

    private sealed class FailRequest
    {
        public AvatarOutcome Outcome { get; set; } = AvatarOutcome.Failed;
        public int? Code { get; set; }
        public string? Message { get; set; }
    }

    private sealed class SeedRequest
    {
        public int Count { get; set; } = 1;
        public string? ClientId { get; set; }
        public string? PlayerCode { get; set; }
        public string? Name { get; set; }
        public string? Description { get; set; }
        public string? Pipeline { get; set; }
        public string? Status { get; set; }
    }
}
