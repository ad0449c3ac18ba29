using AnimationTools.Emulator.Infrastructure;

namespace AnimationTools.Emulator.DeepMotion;

/// <summary>Test hooks under <c>/_emulator/deepmotion</c>.</summary>
internal sealed class DeepMotionControlRoutes(DeepMotionState state)
{
    public void Map(IEndpointRouteBuilder control)
    {
        control.MapPost("/sessions/expire", () =>
        {
            state.ExpireSessions();
            return Results.NoContent();
        });
        control.MapPost("/jobs/{rid}/fail", FailJobAsync);
        control.MapGet("/jobs", () => ApiResults.Json(state.ListJobs()));
        control.MapPost("/next-job", SetNextJobAsync);
        control.MapPost("/config", ConfigureAsync);
        control.MapGet("/uploads", () => ApiResults.Json(state.Uploads()));
        control.MapGet("/webhook-deliveries", () => ApiResults.Json(state.WebhookDeliveries()));
    }

    private async Task<IResult> FailJobAsync(string rid, HttpRequest request)
    {
        var (body, error) = await JsonBody.ReadAsync<FailJobRequest>(request);
        if (error is not null)
        {
            return error;
        }

        if (body!.Code is not { } code || !JobErrorCodes.IsKnown(code))
        {
            return ApiResults.BadRequest("Body needs 'code', a job error code of §11 (e.g. 513).");
        }

        if (state.Jobs.Find(rid) is null)
        {
            return ApiResults.NotFound($"No job '{rid}'.");
        }

        return state.FailJob(rid, code)
            ? Results.NoContent()
            : ApiResults.Message(StatusCodes.Status409Conflict, $"Job '{rid}' has already finished.");
    }

    private async Task<IResult> SetNextJobAsync(HttpRequest request)
    {
        var (overrides, error) = await JsonBody.ReadAsync<NextJobOverrides>(request);
        if (error is not null)
        {
            return error;
        }

        try
        {
            state.SetNextJob(overrides!);
            return Results.NoContent();
        }
        catch (ArgumentOutOfRangeException ex)
        {
            return ApiResults.BadRequest(ex.Message);
        }
    }

    private async Task<IResult> ConfigureAsync(HttpRequest request)
    {
        var (change, error) = await JsonBody.ReadAsync<ConfigChange>(request);
        if (error is not null)
        {
            return error;
        }

        if (change!.JobDurationMs < 0 || change.JobSteps < 1 || change.SessionLifetimeSeconds <= 0 || change.Credits < 0)
        {
            return ApiResults.BadRequest("jobDurationMs >= 0, jobSteps >= 1, sessionLifetimeSeconds > 0 and credits >= 0 are required.");
        }

        var options = state.Options;
        if (change.JobDurationMs is { } ms)
        {
            options.JobDuration = TimeSpan.FromMilliseconds(ms);
        }

        if (change.JobSteps is { } steps)
        {
            options.JobSteps = steps;
        }

        if (change.SessionLifetimeSeconds is { } seconds)
        {
            options.SessionLifetime = TimeSpan.FromSeconds(seconds);
        }

        if (change.Credits is { } credits)
        {
            state.SetCredits(credits);
        }

        if (change.ListModelsShape is { } shape)
        {
            options.ListModelsShape = shape;
        }

        return ApiResults.Json(new
        {
            jobDurationMs = options.JobDuration.TotalMilliseconds,
            jobSteps = options.JobSteps,
            sessionLifetimeSeconds = options.SessionLifetime.TotalSeconds,
            creditsPerJob = options.CreditsPerJob,
            listModelsShape = options.ListModelsShape,
        });
    }

    private sealed class FailJobRequest
    {
        public int? Code { get; set; }
    }

    private sealed class ConfigChange
    {
        public double? JobDurationMs { get; set; }

        public int? JobSteps { get; set; }

        public double? SessionLifetimeSeconds { get; set; }

        public double? Credits { get; set; }

        public ListModelsShape? ListModelsShape { get; set; }
    }
}
