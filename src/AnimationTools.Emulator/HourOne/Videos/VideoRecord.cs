using System.Text.Json.Nodes;

namespace AnimationTools.Emulator.HourOne;

/// <summary>How a video's rendering ends (test hooks <c>/_emulator/hourone/next-video</c> and <c>…/videos/{id}/end</c>).</summary>
public enum VideoOutcome
{
    Ready,
    Failed,
    Stopped,
    Cancelled,
}

/// <summary>A scene as rendered: the base's scene with the request's overrides applied, and its length.</summary>
internal sealed record RenderedScene(string Name, IReadOnlyList<string> Texts, IReadOnlyList<string> Media, string Transcript, double Duration);

/// <summary>What a create request resolved to: every field the video shows, and its scenes.</summary>
internal sealed record VideoSpec(
    string? Name,
    string? SourceDraftId,
    string? RecipeId,
    string? TemplateId,
    string? WorkflowId,
    string? FolderId,
    string PaletteId,
    string CharacterId,
    string VoiceId,
    string? CorrelationId,
    JsonObject? Metadata,
    JsonArray? ScenesEcho,
    JsonArray? Palette,
    JsonArray? GlobalMediaElements,
    IReadOnlyList<RenderedScene> Scenes,
    string? WorkspaceId,
    string? TeamId);

/// <summary>How a video will render, fixed at creation.</summary>
/// <param name="EndFraction">Share of the processing time after which a non-ready outcome happens.</param>
/// <param name="StartedStatus">Status shown while started (a test may make it an unknown value).</param>
/// <param name="ProgressUnknown">Progress reads -1 until the end.</param>
internal sealed record VideoPlan(TimeSpan Started, TimeSpan Processing, int ProgressStep, VideoOutcome Outcome, double EndFraction, string? Reason,
    string StartedStatus, bool ProgressUnknown, TimeSpan? PublishDelay);

/// <summary>Where a video is at a given time.</summary>
internal readonly record struct VideoState(string Status, int Progress, bool IsTerminal)
{
    /// <summary>Ready or published: the file, metadata and subtitles exist.</summary>
    public bool IsRendered => Status is "ready" or "published";
}

/// <summary>One video made by <c>POST /videos</c>: <c>started</c> → <c>processing</c> → <c>ready</c> (→ <c>published</c>), or an end by a hook.</summary>
internal sealed class VideoRecord
{
    private readonly object sync = new();
    private readonly HashSet<string> subtitles = new(StringComparer.Ordinal);
    private VideoPlan plan;
    private (string Status, string Reason, DateTimeOffset At, int Progress)? forced;
    private DateTimeOffset? publishedAt;

    public VideoRecord(VideoSpec spec, VideoPlan plan, DateTimeOffset createdAt)
    {
        Spec = spec;
        this.plan = plan;
        CreatedAt = createdAt;
        Duration = spec.Scenes.Sum(s => s.Duration);
    }

    public string Id { get; } = Guid.NewGuid().ToString();

    public string ReqId { get; } = Guid.NewGuid().ToString();

    /// <summary>The project the request created (the seed: "the id of the project created by this video request").</summary>
    public string DraftId { get; } = Guid.NewGuid().ToString();

    /// <summary>Unguessable part of the file URLs, which need no API key.</summary>
    public string FileToken { get; } = Infrastructure.RandomIds.Hex(16);

    public VideoSpec Spec { get; }

    public DateTimeOffset CreatedAt { get; }

    /// <summary>Seconds: the sum of the scene durations.</summary>
    public double Duration { get; }

    /// <summary>Set once the terminal state has been announced (webhooks); only the clock writes it.</summary>
    public bool Announced { get; set; }

    public VideoPlan Plan
    {
        get
        {
            lock (sync)
            {
                return plan;
            }
        }
    }

    /// <summary>Why the video did not become ready; null while it may still.</summary>
    public string? ReasonAt(DateTimeOffset now)
    {
        lock (sync)
        {
            if (forced is { } f && f.At <= now)
            {
                return f.Reason;
            }

            return StateAt(now).IsTerminal && plan.Outcome != VideoOutcome.Ready ? plan.Reason : null;
        }
    }

    public VideoState StateAt(DateTimeOffset now)
    {
        lock (sync)
        {
            if (forced is { } f && f.At <= now)
            {
                return new VideoState(f.Status, f.Progress, IsTerminal: true);
            }

            var elapsed = now - CreatedAt;
            var processing = elapsed - plan.Started;
            var endsAfter = plan.Outcome == VideoOutcome.Ready ? plan.Processing : plan.Processing * plan.EndFraction;
            if (processing < TimeSpan.Zero)
            {
                return new VideoState(plan.StartedStatus, plan.ProgressUnknown ? -1 : 0, IsTerminal: false);
            }

            if (processing < endsAfter)
            {
                return new VideoState("processing", ProgressAfter(processing), IsTerminal: false);
            }

            switch (plan.Outcome)
            {
                case VideoOutcome.Ready:
                    var readyAt = CreatedAt + plan.Started + plan.Processing;
                    var published = (plan.PublishDelay is { } delay && now >= readyAt + delay) || publishedAt <= now;
                    return new VideoState(published ? "published" : "ready", 100, IsTerminal: true);
                case VideoOutcome.Failed:
                    return new VideoState("failed", -1, IsTerminal: true);
                default:
                    return new VideoState(Wire(plan.Outcome), ProgressAfter(endsAfter), IsTerminal: true);
            }
        }
    }

    /// <summary>Ends the rendering now (failed with progress -1; stopped or cancelled keep their progress); false once terminal.</summary>
    public bool End(VideoOutcome outcome, string reason, DateTimeOffset now)
    {
        lock (sync)
        {
            var state = StateAt(now);
            if (state.IsTerminal)
            {
                return false;
            }

            var progress = outcome == VideoOutcome.Failed ? -1 : state.Progress;
            forced = (Wire(outcome), reason, now, progress);
            return true;
        }
    }

    /// <summary>Moves a ready video to published now; false when it is not ready.</summary>
    public bool Publish(DateTimeOffset now)
    {
        lock (sync)
        {
            if (StateAt(now).Status != "ready")
            {
                return false;
            }

            publishedAt = now;
            return true;
        }
    }

    public void AddSubtitles(string language, string format)
    {
        lock (sync)
        {
            subtitles.Add($"{language}.{format}");
        }
    }

    public bool HasSubtitles(string language, string format)
    {
        lock (sync)
        {
            return subtitles.Contains($"{language}.{format}");
        }
    }

    public static string Wire(VideoOutcome outcome) => outcome switch
    {
        VideoOutcome.Ready => "ready",
        VideoOutcome.Failed => "failed",
        VideoOutcome.Stopped => "stopped",
        _ => "cancelled",
    };

    private int ProgressAfter(TimeSpan processing)
    {
        if (plan.ProgressUnknown)
        {
            return -1;
        }

        if (plan.Processing <= TimeSpan.Zero)
        {
            return 0;
        }

        var percent = (int)(processing / plan.Processing * 100);
        return Math.Min(99, percent / plan.ProgressStep * plan.ProgressStep);
    }
}
