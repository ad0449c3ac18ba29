using System.Text.Json.Nodes;

namespace AnimationTools.Emulator.AvatarSdk;

/// <summary>How an avatar computation ends (test hook <c>/_emulator/avatarsdk/next-avatar</c>).</summary>
public enum AvatarOutcome
{
    Completed,
    Failed,
    TimedOut,
}

/// <summary>How an avatar will run, fixed at creation (or forced later by a hook).</summary>
internal sealed record AvatarPlan(TimeSpan Uploading, TimeSpan Queued, TimeSpan Computing, AvatarOutcome Outcome, int? FailureCode, string? FailureMessage);

/// <summary>Where an avatar is at a given time.</summary>
internal readonly record struct AvatarState(string Status, int Progress, DateTimeOffset? ChangedAt)
{
    public bool IsCompleted => Status == "Completed";

    public bool IsTerminal => Status is "Completed" or "Failed" or "Timed Out";
}

/// <summary>One avatar computation created by <c>POST /avatars/</c>.</summary>
internal sealed class AvatarRecord
{
    private readonly object sync = new();
    private AvatarPlan plan;
    private DateTimeOffset? forcedAt;

    public AvatarRecord(string clientId, string? playerCode, string name, string description, string pipeline, string subtype,
        JsonObject parameters, JsonObject? exportParameters, string? exportComment, byte[] photo, DateTimeOffset createdOn, AvatarPlan plan)
    {
        ClientId = clientId;
        PlayerCode = playerCode;
        Name = name;
        Description = description;
        Pipeline = pipeline;
        Subtype = subtype;
        Parameters = parameters;
        ExportParameters = exportParameters;
        ExportComment = exportComment;
        Photo = photo;
        CreatedOn = createdOn;
        this.plan = plan;
    }

    public string Code { get; } = Guid.NewGuid().ToString();

    public string ClientId { get; }

    public string? PlayerCode { get; }

    public string Name { get; private set; }

    public string Description { get; private set; }

    public string Pipeline { get; }

    public string Subtype { get; }

    /// <summary>The effective computation parameters (the pipeline defaults when the field was omitted).</summary>
    public JsonObject Parameters { get; }

    /// <summary>Export parameters as sent; null when none (then no export is made and the per-avatar assets apply).</summary>
    public JsonObject? ExportParameters { get; }

    public string? ExportComment { get; }

    public byte[] Photo { get; }

    public DateTimeOffset CreatedOn { get; }

    public DateTimeOffset? EditedAt { get; private set; }

    public List<ExportRecord> Exports { get; } = [];

    public AvatarPlan Plan
    {
        get
        {
            lock (sync)
            {
                return plan;
            }
        }
    }

    public bool UsesExports => ExportParameters is not null;

    public DateTimeOffset CompletesAt => CreatedOn + Plan.Uploading + Plan.Queued + Plan.Computing;

    public void Edit(string? name, string? description, DateTimeOffset now)
    {
        lock (sync)
        {
            Name = name ?? Name;
            Description = description ?? Description;
            EditedAt = now;
        }
    }

    /// <summary>Ends a running computation now with the given outcome; false when it has already ended.</summary>
    public bool Force(AvatarOutcome outcome, int? code, string? message, DateTimeOffset now)
    {
        lock (sync)
        {
            if (StateAt(now).IsTerminal)
            {
                return false;
            }

            var computing = Math.Max(0, (now - CreatedOn - plan.Uploading - plan.Queued).Ticks);
            plan = plan with { Computing = TimeSpan.FromTicks(computing), Outcome = outcome, FailureCode = code, FailureMessage = message };
            if (now - CreatedOn < plan.Uploading + plan.Queued)
            {
                plan = plan with { Uploading = now - CreatedOn, Queued = TimeSpan.Zero, Computing = TimeSpan.Zero };
            }

            forcedAt = now;
            return true;
        }
    }

    public AvatarState StateAt(DateTimeOffset now)
    {
        var current = Plan;
        var elapsed = now - CreatedOn;
        var queuedAt = current.Uploading;
        var computingAt = queuedAt + current.Queued;
        var endAt = computingAt + current.Computing;
        AvatarState state;
        if (elapsed >= endAt)
        {
            var status = current.Outcome switch { AvatarOutcome.Failed => "Failed", AvatarOutcome.TimedOut => "Timed Out", _ => "Completed" };
            state = new AvatarState(status, current.Outcome == AvatarOutcome.Completed ? 100 : ProgressAt(current, endAt - computingAt), CreatedOn + endAt);
        }
        else if (elapsed >= computingAt)
        {
            state = new AvatarState("Computing", ProgressAt(current, elapsed - computingAt), CreatedOn + computingAt);
        }
        else if (elapsed >= queuedAt)
        {
            state = new AvatarState("Queued", 0, CreatedOn + queuedAt);
        }
        else
        {
            state = new AvatarState("Uploading", 0, null);
        }

        var changed = new[] { state.ChangedAt, EditedAt, forcedAt is { } f && f <= now ? f : null }.Max();
        return state with { ChangedAt = changed };
    }

    private static int ProgressAt(AvatarPlan plan, TimeSpan computed) =>
        plan.Computing <= TimeSpan.Zero ? 0 : Math.Min(99, (int)(computed / plan.Computing * 10) * 10);
}

/// <summary>One export of an avatar: the first one made with the avatar, or a later one from <c>POST …/exports/</c>.</summary>
internal sealed class ExportRecord(AvatarRecord avatar, JsonObject parameters, string? comment, DateTimeOffset createdOn, Func<DateTimeOffset> startsAt, TimeSpan duration, bool fail)
{
    public string Code { get; } = Guid.NewGuid().ToString();

    public AvatarRecord Avatar { get; } = avatar;

    public JsonObject Parameters { get; } = parameters;

    public string? Comment { get; } = comment;

    public DateTimeOffset CreatedOn { get; } = createdOn;

    /// <summary>Lazily built files (identity → file), once the export has completed.</summary>
    public Lazy<IReadOnlyList<ExportFile>> Files { get; } = new(() => ExportBuilder.Build(avatar, parameters));

    public string StatusAt(DateTimeOffset now)
    {
        var start = startsAt();
        if (now < start + duration / 3)
        {
            return "Queued";
        }

        if (now < start + duration)
        {
            return "Computing";
        }

        return fail ? "Failed" : "Completed";
    }
}
