using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace AnimationTools.Emulator.Danim;

/// <summary>What the control API reports about a video.</summary>
public sealed record DanimVideoInfo(string Id, string ShortId, string AppId, string TemplateId, string WorkspaceId, string Name, string Description,
    VideoState State, string? CallbackUrl, string TemplateData, IReadOnlyList<string> Files, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    string? FailureType, string? FailureMessage, string? RawUrl);

/// <summary>What the control API reports about a file (preloaded, seeded, or received with a video or workspace).</summary>
public sealed record DanimFileInfo(string Id, string? AppId, FileOrigin Origin, string OriginalName, string MimeType, long Size, string Sha256,
    string Path, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, bool Expired, bool InOlderData, int? Width, int? Height, double? DurationSeconds);

/// <summary>What the control API reports about a workspace.</summary>
public sealed record DanimWorkspaceInfo(string Id, string? AppId, string Name, string Description, string? LogoFileId, bool IsDefault, DateTimeOffset CreatedAt);

/// <summary>Everything the Danim emulator holds, and the test hooks the control API exposes.</summary>
public sealed class DanimState : IAsyncDisposable
{
    /// <summary>The file id of the seed's template-data examples (§8.4): a 500×1200 PNG.</summary>
    public const string SeedPosterFileId = "my-file-id";

    /// <summary>The <c>image-1</c> file id of the seed's create example (§7.2): a JPEG.</summary>
    public const string SeedImageFileId = "5c574215-5327-4d66-94b9-8f8b99720536";

    private readonly object sync = new();
    private readonly EmulatorOptions root;
    private readonly TimeProvider clock;
    private readonly Dictionary<string, int> generationsUsed = new(StringComparer.Ordinal);
    private readonly List<InjectedError> injectedErrors = [];
    private NextVideoOverrides? nextVideo;
    private double? credits;

    internal DanimState(EmulatorOptions options, TimeProvider clock)
    {
        root = options;
        this.clock = clock;
        Workspaces = new WorkspaceStore(() => Now);
        Resolver = new FileInputResolver(Files, Remote, () => Options, () => Now);
        Validator = new TemplateDataValidator(Resolver);
        Callbacks = new CallbackDispatcher(() => Options, () => Now, clock);
        Ticker = new GenerationTicker(Videos, () => Now, OnFinished);
        SeedFiles();
    }

    /// <summary>The Danim clock: real time plus <see cref="DanimOptions.ClockOffset"/>.</summary>
    public DateTimeOffset Now => clock.GetUtcNow() + Options.ClockOffset;

    internal DanimOptions Options => root.Danim;

    internal IReadOnlyDictionary<string, string> Apps => root.Clients;

    internal RateLimiter Limiter { get; } = new();

    internal FileStore Files { get; } = new();

    internal RemoteFileFetcher Remote { get; } = new();

    internal FileInputResolver Resolver { get; }

    internal TemplateDataValidator Validator { get; }

    internal TemplateCatalog Templates { get; } = new();

    internal WorkspaceStore Workspaces { get; }

    internal VideoStore Videos { get; } = new();

    internal CallbackDispatcher Callbacks { get; }

    internal GenerationTicker Ticker { get; }

    /// <summary>Moves the Danim clock (file expiry, generation timeline, rate window) forward; negative moves it back.</summary>
    public void AdvanceClock(TimeSpan by) => Options.ClockOffset += by;

    /// <summary>Shapes the next generation started (replaces an earlier, unused setting).</summary>
    public void SetNextVideo(NextVideoOverrides overrides)
    {
        lock (sync)
        {
            nextVideo = overrides;
        }
    }

    /// <summary>Ends a running generation now as FAILED; false when the video is unknown or not PENDING_IN_APP/GENERATING.</summary>
    public bool FailVideo(string id, string? type = null, string? message = null)
    {
        var video = Videos.FindAny(id);
        var failed = video is not null && video.Fail(type ?? ErrorTypes.VideoGenerationFailed, message ?? DefaultFailure(id), Now);
        Ticker.Tick();
        return failed;
    }

    /// <summary>Sets the generations every app may start from now on (null: no limit) and forgets those already counted.</summary>
    public void SetGenerationQuota(int? quota)
    {
        lock (sync)
        {
            Options.GenerationQuota = quota;
            generationsUsed.Clear();
        }
    }

    /// <summary>Generations started by the app since the last reset or quota change.</summary>
    public int GenerationsUsed(string appId = "demo")
    {
        lock (sync)
        {
            return generationsUsed.GetValueOrDefault(appId);
        }
    }

    /// <summary>Credits of every app (one per generation; none left → <c>InsufficientCreditsForGeneration</c>); null: unlimited.</summary>
    public double? Credits
    {
        get { lock (sync) return credits; }
        set { lock (sync) credits = value; }
    }

    /// <summary>Makes the next <paramref name="count"/> requests to that route (e.g. <c>/write/video/generate</c>) fail with that type.</summary>
    public void FailNextRequests(string route, string type, string? message = null, int count = 1)
    {
        if (!ErrorTypes.All.Contains(type))
        {
            throw new ArgumentException($"\"{type}\" is not a meta.type of the Danim contract.", nameof(type));
        }

        lock (sync)
        {
            injectedErrors.Add(new InjectedError(NormalizeRoute(route), type, message ?? $"{type} (injected by the emulator).", count));
        }
    }

    /// <summary>Adds (or replaces) a template from <c>{"id", "name", "specs", "inputs", "workspaceId"}</c>; returns its id.</summary>
    /// <exception cref="FormatException">The template is malformed.</exception>
    public string PutTemplate(string json)
    {
        JsonObject source;
        try
        {
            source = JsonNode.Parse(json) as JsonObject ?? throw new FormatException("A template must be a JSON object.");
        }
        catch (System.Text.Json.JsonException ex)
        {
            throw new FormatException("The template is not valid JSON: " + ex.Message);
        }

        var template = TemplateRecord.From(source);
        Templates.Put(template);
        return template.Id;
    }

    /// <summary>Checks template data as create would, without creating anything.</summary>
    public async Task<ValidationReport> ValidateAsync(string templateId, string templateDataJson, string appId = "demo", CancellationToken ct = default)
    {
        var template = Templates.Find(templateId) ?? throw new ArgumentException($"No template '{templateId}'.", nameof(templateId));
        var data = JsonNode.Parse(templateDataJson) as JsonObject ?? throw new ArgumentException("Template data must be a JSON object.", nameof(templateDataJson));
        return await Validator.ValidateAsync(template, data, null, appId, ct);
    }

    public IReadOnlyList<DanimVideoInfo> ListVideos()
    {
        var now = Now;
        return Videos.All().Select(v =>
        {
            var state = v.StateAt(now);
            var failed = state == VideoState.FAILED ? v.Plan : null;
            return new DanimVideoInfo(v.Id, v.ShortId, v.AppId, v.TemplateId, v.WorkspaceId, v.Name, v.Description, state, v.CallbackUrl,
                v.TemplateData.ToJsonString(), v.Files.Select(f => f.Id).ToList(), v.CreatedAt, v.UpdatedAt(now), failed?.FailureType,
                failed?.FailureMessage, state == VideoState.DONE ? v.RawUrl : null);
        }).ToList();
    }

    public IReadOnlyList<DanimFileInfo> ListFiles()
    {
        var now = Now;
        return Files.All().Select(f => new DanimFileInfo(f.Id, f.AppId, f.Origin, f.OriginalName, f.MimeType, f.Content.LongLength,
            Convert.ToHexStringLower(SHA256.HashData(f.Content)), f.Path, f.CreatedAt, f.ExpiresAt, f.IsExpired(now), f.InOlderData,
            f.Media.Width, f.Media.Height, f.Media.DurationSeconds)).ToList();
    }

    public IReadOnlyList<DanimWorkspaceInfo> ListWorkspaces() =>
        Workspaces.All().Select(w => new DanimWorkspaceInfo(w.Id, w.AppId, w.Name, w.Description, w.Logo?.Id, w.IsDefault, w.CreatedAt)).ToList();

    public IReadOnlyList<CallbackDelivery> CallbackDeliveries() => Callbacks.Deliveries();

    public async ValueTask DisposeAsync()
    {
        await Ticker.DisposeAsync();
        await Callbacks.DisposeAsync();
        Remote.Dispose();
    }

    /// <summary>Counts a generation against the quota and the credits, and plans it; a <see cref="DanimError"/> when it may not start.</summary>
    internal GenerationPlan StartGeneration(string appId, string videoId)
    {
        NextVideoOverrides? overrides;
        lock (sync)
        {
            var used = generationsUsed.GetValueOrDefault(appId);
            if (Options.GenerationQuota is { } quota && used >= quota)
            {
                throw new DanimError(ErrorTypes.RateLimitExceeded,
                    $"Rate limit exceeded: the quota of {quota} generation(s) has been used. Contact us if you need more.");
            }

            if (credits is { } balance && balance < 1)
            {
                throw new DanimError(ErrorTypes.InsufficientCreditsForGeneration,
                    "The organization has no sufficient credits for this video generation.");
            }

            generationsUsed[appId] = used + 1;
            credits -= 1;
            overrides = nextVideo;
            nextVideo = null;
        }

        var options = Options;
        return new GenerationPlan(Now,
            overrides?.PendingMs is { } pending ? TimeSpan.FromMilliseconds(pending) : options.PendingTime,
            overrides?.GeneratingMs is { } generating ? TimeSpan.FromMilliseconds(generating) : options.GeneratingTime,
            overrides?.Fail ?? false,
            overrides?.FailureType ?? ErrorTypes.VideoGenerationFailed,
            overrides?.Message ?? DefaultFailure(videoId));
    }

    /// <summary>The injected failure for this request, if one is waiting for its route.</summary>
    internal DanimError? TakeInjectedError(string route)
    {
        var key = NormalizeRoute(route);
        lock (sync)
        {
            var found = injectedErrors.FirstOrDefault(e => e.Route == key);
            if (found is null)
            {
                return null;
            }

            found.Remaining--;
            if (found.Remaining <= 0)
            {
                injectedErrors.Remove(found);
            }

            return new DanimError(found.Type, found.Message);
        }
    }

    internal void Reset()
    {
        lock (sync)
        {
            nextVideo = null;
            credits = null;
            generationsUsed.Clear();
            injectedErrors.Clear();
        }

        Callbacks.Reset();
        Limiter.Reset();
        Videos.Clear();
        Files.Clear();
        Templates.Reset();
        Workspaces.Clear();
        SeedFiles();
    }

    private void OnFinished(VideoRecord video)
    {
        if (video.StateAt(Now) == VideoState.DONE)
        {
            Callbacks.VideoDone(video);
        }
    }

    private void SeedFiles()
    {
        var now = Now;
        foreach (var (id, name, content) in new[] { (SeedPosterFileId, "my-pic.png", DanimSamples.PosterPng), (SeedImageFileId, "alice.jpg", DanimSamples.ThumbnailJpg) })
        {
            var accepted = FileRules.Inspect(name, null, content, content.Length, long.MaxValue);
            // Seeded ids are "older data" (§8.1): they are still found after 24 hours.
            Files.Add(new StoredFile(null, FileOrigin.Seed, name, accepted, content, now, Options.FileLifetime, id) { InOlderData = true });
        }
    }

    private static string DefaultFailure(string videoId) =>
        $"Something dreadful occurred when trying to generate video {videoId}: the generation bot gave up.";

    private static string NormalizeRoute(string route) => "/" + route.Trim().Trim('/').ToLowerInvariant();

    private sealed class InjectedError(string route, string type, string message, int count)
    {
        public string Route { get; } = route;

        public string Type { get; } = type;

        public string Message { get; } = message;

        public int Remaining { get; set; } = count;
    }
}
