namespace AnimationTools.Emulator.HourOne;

/// <summary>Settings of the emulated Hour One videos API (timings, the API key, rate limit, webhook retries).</summary>
public sealed class HourOneOptions
{
    /// <summary>The one accepted <c>api-key</c> header value; changing it revokes the old key, as generating a new key does.</summary>
    public string ApiKey { get; set; } = "demo-api-key";

    /// <summary>Time a new video spends in <c>started</c> (progress 0).</summary>
    public TimeSpan StartedTime { get; set; } = TimeSpan.FromSeconds(0.5);

    /// <summary>Time a video spends in <c>processing</c>, progress going from 0 towards 100.</summary>
    public TimeSpan ProcessingTime { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Granularity of <c>progress</c> while processing, in percent (10 gives 0, 10, ..., 90).</summary>
    public int ProgressStep { get; set; } = 10;

    /// <summary>Time from <c>ready</c> to <c>published</c>; null (the default) leaves videos <c>ready</c>.</summary>
    public TimeSpan? PublishDelay { get; set; }

    /// <summary>Time from <c>POST /voice-preview</c> to its <c>ready</c> state.</summary>
    public TimeSpan VoicePreviewTime { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Requests allowed per <see cref="RateLimitWindow"/> before <c>429</c>; 0 (the default) means no limit.</summary>
    public int RateLimitRequests { get; set; }

    /// <summary>The sliding window of the rate limit.</summary>
    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Delivery attempts per webhook event and endpoint: the first try plus the retries.</summary>
    public int WebhookMaxAttempts { get; set; } = 4;

    /// <summary>Wait before the first webhook retry; it doubles for each further retry.</summary>
    public TimeSpan WebhookBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    internal HourOneOptions Clone() => (HourOneOptions)MemberwiseClone();

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(ApiKey))
        {
            throw new ArgumentException("HourOne: ApiKey is required.");
        }

        if (StartedTime < TimeSpan.Zero || ProcessingTime < TimeSpan.Zero || VoicePreviewTime < TimeSpan.Zero
            || PublishDelay < TimeSpan.Zero || WebhookBaseDelay < TimeSpan.Zero)
        {
            throw new ArgumentException("HourOne: timings cannot be negative.");
        }

        if (ProgressStep is < 1 or > 100 || RateLimitRequests < 0 || RateLimitWindow <= TimeSpan.Zero || WebhookMaxAttempts < 1)
        {
            throw new ArgumentException("HourOne: ProgressStep must be 1-100, RateLimitRequests not negative, RateLimitWindow positive and WebhookMaxAttempts at least 1.");
        }
    }
}
