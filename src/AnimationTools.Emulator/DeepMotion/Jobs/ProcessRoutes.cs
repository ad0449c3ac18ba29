using System.Text.Json;
using AnimationTools.Emulator.Infrastructure;

namespace AnimationTools.Emulator.DeepMotion;

/// <summary>API 3: <c>POST /process</c> validates the request (§4, §4.1), checks credits and starts a job.</summary>
internal sealed class ProcessRoutes(DeepMotionState state)
{
    private const string Processor = "video2anim";

    public void Map(IEndpointRouteBuilder api) =>
        // Cast: a Task<IResult>(HttpContext) method group would bind as a RequestDelegate and its result be dropped.
        api.MapPost("/process", (Delegate)ProcessAsync);

    private async Task<IResult> ProcessAsync(HttpContext context)
    {
        var body = await JsonBody.ReadObjectAsync(context.Request);
        if (body.Error is not null)
        {
            return body.Error;
        }

        var root = body.Root!.Value;
        var session = SessionGate.Current(context);
        if (CheckShape(root) is { } shapeProblem)
        {
            return ApiResults.BadRequest(shapeProblem);
        }

        var (input, inputProblem) = ResolveInput(root, session);
        if (input is null)
        {
            return ApiResults.BadRequest(inputProblem!);
        }

        var entries = root.TryGetProperty("params", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Select(e => e.GetString()!).ToList()
            : [];
        var (parsed, paramProblem) = ProcessParams.Parse(entries, input.Probe.Kind);
        if (parsed is null)
        {
            return ApiResults.BadRequest(paramProblem!);
        }

        var modelId = parsed.GetValueOrDefault("model", StockModels.Default.Id);
        var model = state.Models.FindUsable(session, modelId);
        if (model is null)
        {
            return ApiResults.BadRequest($"Unknown model '{modelId}' (not a stock model, nor a custom model of this account/user).");
        }

        var cost = state.Options.CreditsPerJob;
        if (state.Accounts.Balance(session.ClientId) - state.Jobs.ReservedCredits(session.ClientId) < cost)
        {
            return ApiResults.Message(StatusCodes.Status402PaymentRequired, "Insufficient credits");
        }

        var settings = new JobSettings(parsed, ProcessParams.Formats(parsed), model.Id, parsed.GetValueOrDefault("sim") == "1", ProcessParams.Trim(parsed));
        var now = state.Time.GetUtcNow();
        var job = new Job(RidGenerator.Next(now), session.ClientId, input, settings, Plan(input, settings, model), cost, now);
        state.Jobs.Add(job);
        return ApiResults.Json(new { rid = job.Rid });
    }

    private static string? CheckShape(JsonElement root)
    {
        var hasUrl = root.HasNonNull("url");
        var hasRid = root.HasNonNull("rid");
        if (hasUrl == hasRid)
        {
            return "Exactly one of 'url' (an uploaded file) or 'rid' (a successful job to rerun) is required.";
        }

        if ((hasUrl && root.GetProperty("url").ValueKind != JsonValueKind.String) || (hasRid && root.GetProperty("rid").ValueKind != JsonValueKind.String))
        {
            return "'url' and 'rid' must be strings.";
        }

        if (!root.HasNonNull("processor"))
        {
            return $"'processor' is required (only '{Processor}' exists).";
        }

        if (root.OptionalString("processor") != Processor)
        {
            return $"Unknown processor; only '{Processor}' exists.";
        }

        if (root.HasNonNull("params"))
        {
            var list = root.GetProperty("params");
            if (list.ValueKind != JsonValueKind.Array || list.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
            {
                return "'params' must be an array of \"name=value\" strings.";
            }
        }

        if (root.HasNonNull("rid_mp_detection") && root.GetProperty("rid_mp_detection").ValueKind != JsonValueKind.String)
        {
            return "'rid_mp_detection' must be a string.";
        }

        return null;
    }

    private (JobInput? Input, string? Problem) ResolveInput(JsonElement root, DmSession session)
    {
        if (root.OptionalString("rid") is { } rid)
        {
            var source = state.Jobs.Find(rid, session.ClientId);
            return source switch
            {
                null => (null, $"Unknown rid '{rid}'."),
                { Progress.Phase: not JobPhase.Success } => (null, $"Job '{rid}' did not succeed; only successful jobs can be rerun."),
                _ => (source.Input, null),
            };
        }

        var stored = state.Storage.FindByUrl(root.OptionalString("url"));
        if (stored is null)
        {
            return (null, "The url was not returned by /upload.");
        }

        if (stored.Content is not { } content || stored.Probe() is not { } probe)
        {
            return (null, "The file has not been uploaded (completely) yet.");
        }

        return (new JobInput(stored.Name, content, probe), null);
    }

    private JobPlan Plan(JobInput input, JobSettings settings, CharacterModel model)
    {
        var overrides = state.TakeNextJob();
        var duration = overrides?.DurationMs is { } ms ? TimeSpan.FromMilliseconds(ms) : state.Options.JobDuration;
        var failWith = overrides?.FailWith ?? FailureFromInput(input, settings, model);
        return new JobPlan(duration, state.Options.JobSteps, failWith, overrides?.RetryFirst ?? false);
    }

    /// <summary>Failures the real service reports as job errors rather than as HTTP errors.</summary>
    private static int? FailureFromInput(JobInput input, JobSettings settings, CharacterModel model)
    {
        if (input.Probe.Kind == MediaKind.Unreadable)
        {
            return JobErrorCodes.ConversionFailed;
        }

        if (settings.PhysicsFilter && model.IsCustom)
        {
            return JobErrorCodes.PhysicsWithCustomCharacter;
        }

        if (settings.Trim is var (from, _) && input.Probe.Video is { } video && from >= video.Duration)
        {
            return JobErrorCodes.BadParameters;
        }

        return null;
    }
}
