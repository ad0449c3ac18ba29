using System.Text.Json.Nodes;

namespace AnimationTools.Emulator.Danim;

/// <summary>The states of a video (§7.3, emulator choice): the GraphQL enum <c>VideoState</c>.</summary>
public enum VideoState
{
    DRAFT,
    PENDING_IN_APP,
    GENERATING,
    DONE,
    FAILED,
}

/// <summary>How a generation runs, fixed when it starts (or forced later by a hook).</summary>
internal sealed record GenerationPlan(DateTimeOffset StartedAt, TimeSpan Pending, TimeSpan Generating, bool Fails, string FailureType, string FailureMessage)
{
    public DateTimeOffset EndsAt => StartedAt + Pending + Generating;
}

/// <summary>One video of an app, from create to DONE (or FAILED), until removed.</summary>
internal sealed class VideoRecord
{
    private readonly object sync = new();
    private GenerationPlan? plan;
    private string name;
    private string description;
    private DateTimeOffset editedAt;

    public VideoRecord(long seq, string appId, TemplateRecord template, string workspaceId, string name, string description, string? callbackUrl,
        JsonObject templateData, IReadOnlyList<StoredFile> files, string baseUrl, DateTimeOffset createdAt)
    {
        Seq = seq;
        AppId = appId;
        TemplateId = template.Id;
        WorkspaceId = workspaceId;
        this.name = name;
        this.description = description;
        CallbackUrl = callbackUrl;
        TemplateData = templateData;
        Files = files;
        BaseUrl = baseUrl;
        CreatedAt = createdAt;
        editedAt = createdAt;
    }

    public string Id { get; } = Guid.NewGuid().ToString();

    /// <summary>The short id of the player URL: nine lower-case letters and digits, like the seed's <c>fg56h378k</c>.</summary>
    public string ShortId { get; } = NewShortId();

    /// <summary>Creation order, the key of GraphQL cursors.</summary>
    public long Seq { get; }

    public string AppId { get; }

    public string TemplateId { get; }

    public string WorkspaceId { get; }

    public string? CallbackUrl { get; }

    public JsonObject TemplateData { get; }

    public IReadOnlyList<StoredFile> Files { get; }

    /// <summary>The service's base URL as the creating client saw it (<c>http://127.0.0.1:5080/danim</c>): result URLs use it.</summary>
    public string BaseUrl { get; }

    public DateTimeOffset CreatedAt { get; }

    /// <summary>Set once the end of the generation has been handled (callback sent or not needed).</summary>
    public bool Finished { get; set; }

    public string Name
    {
        get { lock (sync) return name; }
    }

    public string Description
    {
        get { lock (sync) return description; }
    }

    public GenerationPlan? Plan
    {
        get { lock (sync) return plan; }
    }

    public string RawUrl => $"{BaseUrl}/cdn/videos/{Id}/raw.mp4";

    public string QuicklookUrl => $"{BaseUrl}/cdn/videos/{Id}/quicklook.gif";

    public string ThumbnailUrl => $"{BaseUrl}/cdn/videos/{Id}/thumbnail.jpg";

    public string PlayerUrl => $"{BaseUrl}/player/{ShortId}";

    public void Change(string? newName, string? newDescription, DateTimeOffset now)
    {
        lock (sync)
        {
            name = newName ?? name;
            description = newDescription ?? description;
            editedAt = now;
        }
    }

    /// <summary>Starts the generation of a draft; false when it has started already.</summary>
    public bool Generate(GenerationPlan generation)
    {
        lock (sync)
        {
            if (plan is not null)
            {
                return false;
            }

            plan = generation;
            return true;
        }
    }

    /// <summary>Ends a running generation now as FAILED; false when the video is not PENDING_IN_APP or GENERATING.</summary>
    public bool Fail(string type, string message, DateTimeOffset now)
    {
        lock (sync)
        {
            if (plan is null || now >= plan.EndsAt)
            {
                return false;
            }

            var elapsed = now - plan.StartedAt;
            plan = elapsed < plan.Pending
                ? plan with { Pending = elapsed, Generating = TimeSpan.Zero, Fails = true, FailureType = type, FailureMessage = message }
                : plan with { Generating = elapsed - plan.Pending, Fails = true, FailureType = type, FailureMessage = message };
            return true;
        }
    }

    public VideoState StateAt(DateTimeOffset now)
    {
        var current = Plan;
        if (current is null)
        {
            return VideoState.DRAFT;
        }

        if (now < current.StartedAt + current.Pending)
        {
            return VideoState.PENDING_IN_APP;
        }

        if (now < current.EndsAt)
        {
            return VideoState.GENERATING;
        }

        return current.Fails ? VideoState.FAILED : VideoState.DONE;
    }

    public bool IsTerminal(DateTimeOffset now) => StateAt(now) is VideoState.DONE or VideoState.FAILED;

    /// <summary>The last change: creation, an edit, or the last state reached.</summary>
    public DateTimeOffset UpdatedAt(DateTimeOffset now)
    {
        var current = Plan;
        DateTimeOffset edited;
        lock (sync)
        {
            edited = editedAt;
        }

        var changes = new List<DateTimeOffset> { CreatedAt, edited };
        if (current is not null)
        {
            changes.AddRange(new[] { current.StartedAt, current.StartedAt + current.Pending, current.EndsAt }.Where(t => t <= now));
        }

        return changes.Max();
    }

    private static string NewShortId()
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        return new string(Enumerable.Range(0, 9).Select(_ => alphabet[System.Security.Cryptography.RandomNumberGenerator.GetInt32(alphabet.Length)]).ToArray());
    }
}
