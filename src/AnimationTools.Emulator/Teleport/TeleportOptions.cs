namespace AnimationTools.Emulator.Teleport;

/// <summary>
/// Settings of the emulated Varjo Teleport captures API. The client credentials are the emulator's shared
/// <see cref="EmulatorOptions.Clients"/>.
/// </summary>
public sealed class TeleportOptions
{
    /// <summary>S3's smallest part (but the last), and the default <c>chunk_size</c>.</summary>
    public const long DefaultChunkSize = 5 * 1024 * 1024;

    /// <summary>S3 accepts at most this many parts per upload: bigger files get bigger parts.</summary>
    public const int MaxParts = 10_000;

    /// <summary>Lifetime of an access token (<c>expires_in</c>); the real service gives 3600 s.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromSeconds(3600);

    /// <summary>
    /// <c>chunk_size</c> of new captures: every part but the last has exactly this size (raised for files that would
    /// need more than <see cref="MaxParts"/> parts).
    /// </summary>
    public long ChunkSize { get; set; } = DefaultChunkSize;

    /// <summary>How long a part upload URL stays valid (like a pre-signed S3 URL's <c>X-Amz-Expires</c>).</summary>
    public TimeSpan PartUrlLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Time from <c>POST …/uploaded</c> (PROCESSING) to READY or FAILED.</summary>
    public TimeSpan ProcessingTime { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Most bytes per second one part PUT (one connection) is read at; null for no cap.</summary>
    public long? PartBandwidth { get; set; }

    /// <summary>
    /// Whether uploaded parts are written to disk (a temporary folder, deleted on reset and dispose) so the file can be
    /// read back; when false only their size and MD5 are kept (multi-gigabyte benchmarks).
    /// </summary>
    public bool StoreUploads { get; set; } = true;

    /// <summary>Folder for stored parts; null for a new folder under the system's temporary folder.</summary>
    public string? UploadFolder { get; set; }

    /// <summary>
    /// Metadata <c>models</c> as an object keyed by profile instead of the schema's array (the quirk some clients
    /// rely on), to test that clients accept both.
    /// </summary>
    public bool ModelsAsObject { get; set; }

    /// <summary>Webhook delivery attempts per event: the first try plus the retries.</summary>
    public int WebhookMaxAttempts { get; set; } = 3;

    /// <summary>Wait before the first webhook retry; it doubles for each further retry.</summary>
    public TimeSpan WebhookBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    internal TeleportOptions Clone() => (TeleportOptions)MemberwiseClone();

    internal void Validate()
    {
        if (TokenLifetime <= TimeSpan.Zero || PartUrlLifetime <= TimeSpan.Zero || ChunkSize < 1)
        {
            throw new ArgumentException("Teleport: TokenLifetime and PartUrlLifetime must be positive, ChunkSize at least 1.");
        }

        if (ProcessingTime < TimeSpan.Zero || PartBandwidth is < 1 || WebhookMaxAttempts < 1 || WebhookBaseDelay < TimeSpan.Zero)
        {
            throw new ArgumentException("Teleport: ProcessingTime and WebhookBaseDelay cannot be negative, PartBandwidth (when set) and WebhookMaxAttempts must be at least 1.");
        }
    }
}
