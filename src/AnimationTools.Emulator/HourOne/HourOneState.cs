namespace AnimationTools.Emulator.HourOne;

/// <summary>Test hook: how the next video created will render (body of <c>POST /_emulator/hourone/next-video</c>).</summary>
public sealed class NextVideoOverrides
{
    /// <summary>How the rendering ends (default Ready).</summary>
    public VideoOutcome Outcome { get; set; }

    /// <summary>Why it did not become ready (kept by the emulator: the video resource has no field for it).</summary>
    public string? Reason { get; set; }

    /// <summary>Progress (0-100) at which a non-ready outcome happens (default 50).</summary>
    public int? EndAtPercent { get; set; }

    /// <summary>Time in <c>started</c> instead of the configured one.</summary>
    public int? StartedMs { get; set; }

    /// <summary>Processing time instead of the configured one.</summary>
    public int? ProcessingMs { get; set; }

    /// <summary>Progress reads -1 (unknown) until the end.</summary>
    public bool ProgressUnknown { get; set; }

    /// <summary>Status shown instead of <c>started</c>, e.g. <c>not_started</c> or a value clients do not know yet.</summary>
    public string? StartedStatus { get; set; }
}

/// <summary>What the control API reports about a video.</summary>
public sealed record HourOneVideoInfo(string Id, string? Name, string Status, int Progress, string? Reason, string? CorrelationId, string? SourceDraftId,
    string? RecipeId, string? TemplateId, string? WorkflowId, string? WorkspaceId, string? TeamId, double Duration, int Scenes, bool Announced, DateTimeOffset CreatedAt);

/// <summary>Everything the Hour One emulator holds, and the test hooks the control API exposes.</summary>
public sealed class HourOneState : IAsyncDisposable
{
    private readonly object sync = new();
    private readonly EmulatorOptions root;
    private NextVideoOverrides? nextVideo;

    internal HourOneState(EmulatorOptions options, TimeProvider clock)
    {
        root = options;
        Time = clock;
        RateLimit = new RateLimiter(clock);
        Deliveries = new WebhookDispatcher(() => Options, clock);
        Clock = new VideoClock(Videos, clock, (video, state) => Deliveries.VideoFinished(video, state, Webhooks));
    }

    internal HourOneOptions Options => root.HourOne;

    internal TimeProvider Time { get; }

    internal Catalog Catalog { get; } = new();

    internal VideoStore Videos { get; } = new();

    internal VideoClock Clock { get; }

    internal VoicePreviewStore VoicePreviews { get; } = new();

    internal RateLimiter RateLimit { get; }

    internal WebhookEndpoints Webhooks { get; } = new();

    internal WebhookDispatcher Deliveries { get; }

    /// <summary>Shapes the next video created (replaces an earlier, unused setting).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A time is negative or EndAtPercent is outside 0-100.</exception>
    public void SetNextVideo(NextVideoOverrides overrides)
    {
        if (overrides.StartedMs < 0 || overrides.ProcessingMs < 0 || overrides.EndAtPercent is < 0 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(overrides), "startedMs and processingMs cannot be negative; endAtPercent must be 0-100.");
        }

        lock (sync)
        {
            nextVideo = overrides;
        }
    }

    /// <summary>Ends a rendering video now as failed, stopped or cancelled; false when unknown or already finished.</summary>
    public bool EndVideo(string id, VideoOutcome outcome, string? reason)
    {
        if (outcome == VideoOutcome.Ready)
        {
            throw new ArgumentOutOfRangeException(nameof(outcome), "A video can be ended as failed, stopped or cancelled.");
        }

        var ended = Videos.Find(id)?.End(outcome, reason ?? DefaultReason(outcome), Time.GetUtcNow()) ?? false;
        Clock.Tick();
        return ended;
    }

    /// <summary>Moves a ready video to <c>published</c>; false when unknown or not ready.</summary>
    public bool PublishVideo(string id) => Videos.Find(id)?.Publish(Time.GetUtcNow()) ?? false;

    public IReadOnlyList<HourOneVideoInfo> ListVideos()
    {
        Clock.Tick();
        var now = Time.GetUtcNow();
        return Videos.All().Select(v =>
        {
            var state = v.StateAt(now);
            var spec = v.Spec;
            return new HourOneVideoInfo(v.Id, spec.Name, state.Status, state.Progress, v.ReasonAt(now), spec.CorrelationId, spec.SourceDraftId, spec.RecipeId,
                spec.TemplateId, spec.WorkflowId, spec.WorkspaceId, spec.TeamId, v.Duration, spec.Scenes.Count, v.Announced, v.CreatedAt);
        }).ToList();
    }

    /// <summary>Registers a webhook; without a secret one is generated. Events default to both.</summary>
    public HourOneWebhook AddWebhook(string url, string? signingSecret = null, IReadOnlyList<string>? events = null) =>
        Webhooks.Add(url, signingSecret, events, Time.GetUtcNow());

    public IReadOnlyList<HourOneWebhook> ListWebhooks() => Webhooks.All();

    public bool RemoveWebhook(string id) => Webhooks.Remove(id);

    public IReadOnlyList<HourOneWebhookDelivery> WebhookDeliveries() => Deliveries.Attempts();

    /// <summary>Adds (or replaces) a draft videos can be made from.</summary>
    public void AddDraft(CatalogProject draft) => Catalog.AddDraft(draft);

    /// <summary>Adds finished videos at once (for list tests), made from <c>demo-draft</c>, oldest first.</summary>
    public IReadOnlyList<string> SeedVideos(int count, VideoOutcome outcome = VideoOutcome.Ready, string? correlationPrefix = null)
    {
        var now = Time.GetUtcNow();
        var draft = Catalog.DemoDraft;
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var spec = VideoFactory.FromProject(draft, name: $"seeded {i + 1}", correlationId: correlationPrefix is null ? null : $"{correlationPrefix}{i + 1}");
            var plan = new VideoPlan(TimeSpan.Zero, TimeSpan.Zero, Options.ProgressStep, outcome, 0, outcome == VideoOutcome.Ready ? null : DefaultReason(outcome),
                "started", false, null);
            var video = new VideoRecord(spec, plan, now - TimeSpan.FromSeconds(count - i + 60)) { Announced = true };
            Videos.Add(video);
            ids.Add(video.Id);
        }

        return ids;
    }

    public async ValueTask DisposeAsync()
    {
        await Clock.DisposeAsync();
        await Deliveries.DisposeAsync();
    }

    /// <summary>The plan of a video created now: the configured timings unless a hook shaped it.</summary>
    internal VideoPlan TakePlan()
    {
        NextVideoOverrides? overrides;
        lock (sync)
        {
            overrides = nextVideo;
            nextVideo = null;
        }

        var options = Options;
        var outcome = overrides?.Outcome ?? VideoOutcome.Ready;
        return new VideoPlan(
            overrides?.StartedMs is { } started ? TimeSpan.FromMilliseconds(started) : options.StartedTime,
            overrides?.ProcessingMs is { } processing ? TimeSpan.FromMilliseconds(processing) : options.ProcessingTime,
            options.ProgressStep,
            outcome,
            (overrides?.EndAtPercent ?? 50) / 100.0,
            outcome == VideoOutcome.Ready ? null : overrides?.Reason ?? DefaultReason(outcome),
            string.IsNullOrWhiteSpace(overrides?.StartedStatus) ? "started" : overrides.StartedStatus,
            overrides?.ProgressUnknown ?? false,
            options.PublishDelay);
    }

    internal void Reset()
    {
        lock (sync)
        {
            nextVideo = null;
        }

        Videos.Clear();
        Catalog.Reset();
        VoicePreviews.Clear();
        RateLimit.Reset();
        Webhooks.Clear();
        Deliveries.Reset();
    }

    private static string DefaultReason(VideoOutcome outcome) => outcome switch
    {
        VideoOutcome.Failed => "Rendering failed",
        VideoOutcome.Stopped => "Rendering was stopped",
        _ => "Rendering was cancelled",
    };
}
