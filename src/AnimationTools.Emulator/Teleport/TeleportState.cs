using System.Collections.Concurrent;
using System.Text.Json;

namespace AnimationTools.Emulator.Teleport;

/// <summary>Test hook: how the next capture created will end (body of <c>POST /_emulator/teleport/next-capture</c>).</summary>
public sealed class NextCaptureOverrides
{
    /// <summary>Fail processing with this error reason (any string; the documented ones are in §6.2).</summary>
    public string? ErrorReason { get; set; }

    /// <summary>Processing time of that capture instead of the configured one.</summary>
    public int? ProcessingMs { get; set; }
}

/// <summary>What the control API reports about a capture.</summary>
public sealed record CaptureInfo(string Eid, string? Sid, string ClientId, string Name, string State, string? ErrorReason, long Bytesize,
    long ChunkSize, int NumParts, string InputDataFormat, bool Stored, DateTimeOffset Created, DateTimeOffset? Uploaded);

/// <summary>What the control API reports about a capture's multipart upload.</summary>
public sealed record UploadInfo(string Eid, string UploadId, long Bytesize, long ChunkSize, int NumParts, bool Completed, bool Stored,
    IReadOnlyList<PartInfo> Parts);

/// <summary>Everything the Teleport emulator holds, and the test hooks the control API exposes.</summary>
public sealed class TeleportState : IAsyncDisposable
{
    private readonly object sync = new();
    private readonly EmulatorOptions root;
    private readonly List<CaptureRecord> captures = [];
    private readonly ConcurrentDictionary<string, Lazy<ModelFile>> modelFiles = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<byte[]>> previews = new(StringComparer.Ordinal);
    private NextCaptureOverrides? nextCapture;
    private long sequence;

    internal TeleportState(EmulatorOptions options, TimeProvider clock)
    {
        root = options;
        Clock = clock;
        Tokens = new TokenStore(clock);
        PartUrls = new PartUrls(clock);
        Storage = new UploadStorage(options.Teleport.UploadFolder);
        Dispatcher = new WebhookDispatcher(() => Options, clock);
    }

    internal TeleportOptions Options => root.Teleport;

    internal IReadOnlyDictionary<string, string> Clients => root.Clients;

    internal TimeProvider Clock { get; }

    internal TokenStore Tokens { get; }

    internal PartUrls PartUrls { get; }

    internal UploadStorage Storage { get; }

    internal WebhookSettings Webhooks { get; } = new();

    internal WebhookDispatcher Dispatcher { get; }

    /// <summary>Makes every access token issued so far invalid (401 on next use).</summary>
    public void ExpireTokens() => Tokens.RevokeAll();

    /// <summary>Number of access tokens issued since the last reset.</summary>
    public int TokensIssued => Tokens.Issued;

    /// <summary>Makes every part URL issued so far expired (403 on use); returns how many there were.</summary>
    public int ExpirePartUrls() => PartUrls.ExpireAll();

    public void SetNextCapture(NextCaptureOverrides overrides)
    {
        lock (sync)
        {
            nextCapture = overrides;
        }
    }

    /// <summary>Registers the webhook of an organisation (null: of every organisation without its own).</summary>
    public WebhookRegistration SetWebhook(string url, string? secret, string? clientId = null) => Webhooks.Set(clientId, url, secret);

    public IReadOnlyList<TeleportWebhookDelivery> WebhookDeliveries() => Dispatcher.Attempts();

    /// <summary>Ends the processing of a capture now: FAILED with the reason, or READY when it is null. False when not processing.</summary>
    public bool EndProcessing(string eid, string? errorReason)
    {
        if (Find(eid) is not { } capture || !capture.EndProcessingNow(Clock.GetUtcNow(), errorReason))
        {
            return false;
        }

        // Announced here too: a seeded PROCESSING capture has no timer (the announcement happens once either way).
        Announce(capture);
        return true;
    }

    public IReadOnlyList<CaptureInfo> ListCaptures()
    {
        var now = Clock.GetUtcNow();
        lock (sync)
        {
            return captures.OrderByDescending(c => c.Created).ThenByDescending(c => c.Sequence).Select(c =>
            {
                var state = c.StateAt(now);
                return new CaptureInfo(c.Eid, c.Sid, c.ClientId, c.Name, state.State, state.ErrorReason, c.Input.Bytesize, c.Upload.ChunkSize,
                    c.Upload.NumParts, c.Input.InputDataFormat, c.Upload.Folder is not null, c.Created, c.Uploaded);
            }).ToList();
        }
    }

    public IReadOnlyList<UploadInfo> Uploads()
    {
        lock (sync)
        {
            return captures.OrderByDescending(c => c.Created).ThenByDescending(c => c.Sequence).Select(Upload).ToList();
        }
    }

    public UploadInfo? UploadOf(string eid) => Find(eid) is { } capture ? Upload(capture) : null;

    /// <summary>
    /// Adds captures at once (for paging tests), oldest first, a second apart and older than any real one; READY,
    /// FAILED and PROCESSING ones have a share id (READY ones serve metadata).
    /// </summary>
    public IReadOnlyList<string> SeedCaptures(int count, string clientId, string? name, string state, string? errorReason, string inputDataFormat)
    {
        var now = Clock.GetUtcNow();
        var eids = new List<string>();
        lock (sync)
        {
            var oldest = captures.Count == 0 ? now : captures.Min(c => c.Created);
            for (var i = 0; i < count; i++)
            {
                var created = oldest - TimeSpan.FromSeconds(count - i + 60);
                var input = new CaptureInput(name ?? $"seeded {i + 1}", 1024, inputDataFormat, null, null, null, null, null);
                var capture = new CaptureRecord(CaptureRecord.NewEid(), clientId, input, new MultipartUpload(1024, Options.ChunkSize, null), created, ++sequence, null, null);
                capture.Seed(state, errorReason, created + TimeSpan.FromSeconds(1), now);
                captures.Add(capture);
                eids.Add(capture.Eid);
            }
        }

        return eids;
    }

    internal CaptureRecord Create(string clientId, CaptureInput input)
    {
        NextCaptureOverrides? overrides;
        lock (sync)
        {
            overrides = nextCapture;
            nextCapture = null;
        }

        var options = Options;
        var chunkSize = Math.Max(options.ChunkSize, ChunkFor(input.Bytesize, options.ChunkSize));
        var processing = overrides?.ProcessingMs is { } ms ? TimeSpan.FromMilliseconds(ms) : (TimeSpan?)null;
        lock (sync)
        {
            var eid = CaptureRecord.NewEid();
            var upload = new MultipartUpload(input.Bytesize, chunkSize, options.StoreUploads ? Storage.FolderFor(eid) : null);
            var capture = new CaptureRecord(eid, clientId, input, upload, Clock.GetUtcNow(), ++sequence, overrides?.ErrorReason, processing);
            captures.Add(capture);
            return capture;
        }
    }

    internal CaptureRecord? Find(string eid)
    {
        lock (sync)
        {
            return captures.FirstOrDefault(c => c.Eid == eid);
        }
    }

    /// <summary>The capture if it belongs to the account.</summary>
    internal CaptureRecord? Visible(string clientId, string eid) => Find(eid) is { } capture && capture.ClientId == clientId ? capture : null;

    /// <summary>The account's captures, newest first (emulator choice).</summary>
    internal IReadOnlyList<CaptureRecord> ListOf(string clientId)
    {
        lock (sync)
        {
            return captures.Where(c => c.ClientId == clientId).OrderByDescending(c => c.Created).ThenByDescending(c => c.Sequence).ToList();
        }
    }

    internal CaptureRecord? BySid(string sid)
    {
        lock (sync)
        {
            return captures.FirstOrDefault(c => c.Sid == sid);
        }
    }

    internal bool Delete(CaptureRecord capture)
    {
        lock (sync)
        {
            if (!captures.Remove(capture))
            {
                return false;
            }
        }

        capture.MarkDeleted();
        return true;
    }

    /// <summary>The accepted upload starts processing; its end is announced to the organisation's webhook.</summary>
    internal void StartProcessing(CaptureRecord capture)
    {
        capture.StartProcessing(Clock.GetUtcNow(), capture.PlannedProcessingTime ?? Options.ProcessingTime, Clock, Announce);
    }

    internal ModelFile Model(string sid, string profile, string quality) =>
        modelFiles.GetOrAdd($"{sid}|{profile}|{quality}", _ => new Lazy<ModelFile>(() => ModelFiles.Build(sid, profile, quality))).Value;

    internal byte[] Preview(string sid, int width, int height) =>
        previews.GetOrAdd($"{sid}|{width}x{height}", _ => new Lazy<byte[]>(() => PreviewImage.Png(sid, width, height))).Value;

    internal void Reset()
    {
        List<CaptureRecord> gone;
        lock (sync)
        {
            gone = [.. captures];
            captures.Clear();
            nextCapture = null;
            sequence = 0;
        }

        foreach (var capture in gone)
        {
            capture.MarkDeleted();
        }

        Storage.Clear();
        modelFiles.Clear();
        previews.Clear();
        Tokens.Reset();
        PartUrls.Reset();
        Webhooks.Clear();
        Dispatcher.Reset();
    }

    public async ValueTask DisposeAsync()
    {
        List<CaptureRecord> gone;
        lock (sync)
        {
            gone = [.. captures];
            captures.Clear();
        }

        foreach (var capture in gone)
        {
            capture.MarkDeleted();
        }

        await Dispatcher.DisposeAsync();
        Storage.Delete();
    }

    /// <summary>S3 allows 10,000 parts: a bigger file gets bigger parts (whole MiB).</summary>
    private static long ChunkFor(long bytesize, long configured)
    {
        var needed = (bytesize + TeleportOptions.MaxParts - 1) / TeleportOptions.MaxParts;
        if (needed <= configured)
        {
            return configured;
        }

        const long mib = 1024 * 1024;
        return (needed + mib - 1) / mib * mib;
    }

    private UploadInfo Upload(CaptureRecord capture) => new(capture.Eid, capture.Upload.UploadId, capture.Upload.Bytesize, capture.Upload.ChunkSize,
        capture.Upload.NumParts, capture.Upload.Completed, capture.Upload.Folder is not null, capture.Upload.Parts());

    private void Announce(CaptureRecord capture)
    {
        var now = Clock.GetUtcNow();
        if (!capture.TryClaimAnnouncement(now) || Webhooks.For(capture.ClientId) is not { } registration)
        {
            return;
        }

        var state = capture.StateAt(now);
        var body = new Dictionary<string, string?> { ["eid"] = capture.Eid, ["sid"] = capture.Sid };
        if (state.State == CaptureStates.Failed)
        {
            body["state"] = CaptureStates.WebhookError;
            body["error_reason"] = state.ErrorReason;
        }
        else
        {
            body["state"] = state.State;
        }

        Dispatcher.Send(registration, capture.Eid, body["state"]!, JsonSerializer.SerializeToUtf8Bytes(body));
    }
}
