using System.Text.Json.Nodes;

namespace AnimationTools.Emulator.AvatarSdk;

/// <summary>Test hook: how the next avatar created will behave (body of <c>POST /_emulator/avatarsdk/next-avatar</c>).</summary>
public sealed class NextAvatarOverrides
{
    /// <summary>How the computation ends (default Completed).</summary>
    public AvatarOutcome Outcome { get; set; }

    /// <summary><c>status_verbose.code</c> of a failure.</summary>
    public int? Code { get; set; }

    /// <summary><c>status_verbose.message</c> of a failure.</summary>
    public string? Message { get; set; }

    /// <summary>Computing time of that avatar instead of the configured one.</summary>
    public int? ComputingMs { get; set; }

    /// <summary>Whether its first export fails.</summary>
    public bool FailExport { get; set; }
}

/// <summary>What the control API reports about an avatar.</summary>
public sealed record AvatarInfo(string Code, string ClientId, string? PlayerCode, string Name, string Status, int Progress, string Pipeline,
    string PipelineSubtype, string Parameters, string? ExportParameters, int Exports, DateTimeOffset CreatedOn, string? PhotoSha256 = null);

/// <summary>Everything the Avatar SDK emulator holds, and the test hooks the control API exposes.</summary>
public sealed class AvatarSdkState : IAsyncDisposable
{
    private readonly object sync = new();
    private readonly EmulatorOptions root;
    private readonly List<AvatarRecord> avatars = [];
    private NextAvatarOverrides? nextAvatar;
    private bool failNextExport;

    internal AvatarSdkState(EmulatorOptions options, TimeProvider clock)
    {
        root = options;
        Clock = clock;
        Tokens = new TokenStore(clock);
        Throttle = new Throttle(clock);
    }

    internal AvatarSdkOptions Options => root.AvatarSdk;

    internal IReadOnlyDictionary<string, string> Clients => root.Clients;

    internal TimeProvider Clock { get; }

    internal TokenStore Tokens { get; }

    internal Throttle Throttle { get; }

    internal PlayerStore Players { get; } = new();

    internal SelfieStore Selfies { get; } = new();

    /// <summary>Makes every access token issued so far invalid (401 on next use).</summary>
    public void ExpireTokens() => Tokens.RevokeAll();

    /// <summary>Number of access tokens issued since the last reset.</summary>
    public int TokensIssued => Tokens.Issued;

    public void SetNextAvatar(NextAvatarOverrides overrides)
    {
        lock (sync)
        {
            nextAvatar = overrides;
        }
    }

    /// <summary>Ends a running avatar computation now (Failed or Timed Out); false when unknown or already finished.</summary>
    public bool FailAvatar(string code, AvatarOutcome outcome, int? statusCode, string? message)
    {
        var avatar = Find(code);
        return avatar is not null && avatar.Force(outcome, statusCode, message ?? DefaultMessage(outcome), Clock.GetUtcNow());
    }

    /// <summary>Adds completed avatars at once (for pagination tests), oldest first, each a second apart.</summary>
    public IReadOnlyList<string> SeedAvatars(int count, string clientId, string? playerCode, string? name, string? description, string? pipeline, string? status)
    {
        var (resolvedPipeline, subtype) = PipelineCatalog.Resolve(pipeline, null);
        var outcome = status?.ToLowerInvariant() switch { "failed" => AvatarOutcome.Failed, "timed out" => AvatarOutcome.TimedOut, _ => AvatarOutcome.Completed };
        var now = Clock.GetUtcNow();
        var codes = new List<string>();
        lock (sync)
        {
            for (var i = 0; i < count; i++)
            {
                var plan = new AvatarPlan(TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, outcome, null, outcome == AvatarOutcome.Completed ? null : DefaultMessage(outcome));
                var avatar = new AvatarRecord(clientId, playerCode, name ?? $"seeded {i + 1}", description ?? string.Empty, resolvedPipeline, subtype,
                    PipelineCatalog.Defaults(resolvedPipeline), null, null, Jpeg.Texture, now - TimeSpan.FromSeconds(count - i + 60), plan);
                avatars.Add(avatar);
                codes.Add(avatar.Code);
            }
        }

        return codes;
    }

    public IReadOnlyList<AvatarInfo> ListAvatars()
    {
        var now = Clock.GetUtcNow();
        lock (sync)
        {
            return avatars.Select(a =>
            {
                var state = a.StateAt(now);
                return new AvatarInfo(a.Code, a.ClientId, a.PlayerCode, a.Name, state.Status, state.Progress, a.Pipeline, a.Subtype,
                    a.Parameters.ToJsonString(), a.ExportParameters?.ToJsonString(), a.Exports.Count, a.CreatedOn,
                    a.Photo is { Length: > 0 } photo ? Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(photo)) : null);
            }).ToList();
        }
    }

    internal AvatarRecord Create(Caller caller, string name, string description, string pipeline, string subtype, JsonObject parameters,
        JsonObject? exportParameters, string? exportComment, byte[] photo)
    {
        var options = Options;
        NextAvatarOverrides? overrides;
        bool failExport;
        lock (sync)
        {
            overrides = nextAvatar;
            nextAvatar = null;
            failExport = overrides?.FailExport ?? false;
        }

        var outcome = overrides?.Outcome ?? AvatarOutcome.Completed;
        var plan = new AvatarPlan(options.UploadingTime, options.QueuedTime,
            overrides?.ComputingMs is { } ms ? TimeSpan.FromMilliseconds(ms) : options.ComputingTime,
            outcome, overrides?.Code ?? (outcome == AvatarOutcome.Failed ? 1 : null), overrides?.Message ?? (outcome == AvatarOutcome.Completed ? null : DefaultMessage(outcome)));
        var avatar = new AvatarRecord(caller.ClientId, caller.PlayerCode, name, description, pipeline, subtype, parameters, exportParameters, exportComment,
            photo, Clock.GetUtcNow(), plan);
        if (exportParameters is not null)
        {
            avatar.Exports.Add(new ExportRecord(avatar, exportParameters, exportComment, avatar.CreatedOn, () => avatar.CompletesAt, options.ExportTime, failExport));
        }

        lock (sync)
        {
            avatars.Add(avatar);
        }

        return avatar;
    }

    internal ExportRecord AddExport(AvatarRecord avatar, JsonObject exportParameters, string? comment)
    {
        bool fail;
        lock (sync)
        {
            fail = failNextExport;
            failNextExport = false;
        }

        var now = Clock.GetUtcNow();
        var export = new ExportRecord(avatar, exportParameters, comment, now, () => now, Options.ExportTime, fail);
        lock (avatar.Exports)
        {
            avatar.Exports.Add(export);
        }

        return export;
    }

    /// <summary>Makes the next export created with <c>POST …/exports/</c> fail.</summary>
    public void FailNextExport()
    {
        lock (sync)
        {
            failNextExport = true;
        }
    }

    internal IReadOnlyList<ExportRecord> VisibleExports()
    {
        lock (sync)
        {
            return avatars.SelectMany(a =>
            {
                lock (a.Exports)
                {
                    return a.Exports.ToList();
                }
            }).ToList();
        }
    }

    internal AvatarRecord? Find(string code)
    {
        lock (sync)
        {
            return avatars.FirstOrDefault(a => a.Code == code);
        }
    }

    /// <summary>The avatar if the caller may see it (its client, and its player in client access).</summary>
    internal AvatarRecord? Visible(Caller caller, string code) => Find(code) is { } avatar && caller.Sees(avatar.ClientId, avatar.PlayerCode) ? avatar : null;

    internal IReadOnlyList<AvatarRecord> VisibleTo(Caller caller)
    {
        lock (sync)
        {
            return avatars.Where(a => caller.Sees(a.ClientId, a.PlayerCode)).OrderByDescending(a => a.CreatedOn).ToList();
        }
    }

    /// <summary>Avatars of a client created in [since, until), for billing (deleted ones included).</summary>
    internal int CountCreated(string clientId, DateTimeOffset since, DateTimeOffset until)
    {
        lock (sync)
        {
            return avatars.Count(a => a.ClientId == clientId && a.CreatedOn >= since && a.CreatedOn < until) + deletedCounts.Count(d => d.ClientId == clientId && d.CreatedOn >= since && d.CreatedOn < until);
        }
    }

    private readonly List<(string ClientId, DateTimeOffset CreatedOn)> deletedCounts = [];

    internal bool Delete(AvatarRecord avatar)
    {
        lock (sync)
        {
            if (!avatars.Remove(avatar))
            {
                return false;
            }

            deletedCounts.Add((avatar.ClientId, avatar.CreatedOn));
            return true;
        }
    }

    internal void Reset()
    {
        lock (sync)
        {
            avatars.Clear();
            deletedCounts.Clear();
            nextAvatar = null;
            failNextExport = false;
        }

        Tokens.Reset();
        Throttle.Reset();
        Players.Clear();
        Selfies.Clear();
    }

    private static string DefaultMessage(AvatarOutcome outcome) => outcome == AvatarOutcome.TimedOut
        ? "Computation took too long."
        : "Face not found on the photo: the photo is blurry, dark or has no face.";

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
