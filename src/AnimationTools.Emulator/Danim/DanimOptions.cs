namespace AnimationTools.Emulator.Danim;

/// <summary>
/// Settings of the emulated Danim API. The app credentials are the emulator's shared <see cref="EmulatorOptions.Clients"/>
/// (app id → app secret).
/// </summary>
public sealed class DanimOptions
{
    /// <summary>Time a video spends in <c>PENDING_IN_APP</c> once its generation has started.</summary>
    public TimeSpan PendingTime { get; set; } = TimeSpan.FromSeconds(0.5);

    /// <summary>Time a video spends in <c>GENERATING</c> before it is <c>DONE</c>.</summary>
    public TimeSpan GeneratingTime { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>API requests one app may make per <see cref="RateLimitWindow"/>; more get <c>RateLimitExceeded</c>.</summary>
    public int RequestsPerMinute { get; set; } = 60;

    /// <summary>The sliding window of <see cref="RequestsPerMinute"/> (one minute on the real service).</summary>
    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Generations (create without DRAFT, or generate) one app may start; then <c>RateLimitExceeded</c>. Null: no limit.</summary>
    public int? GenerationQuota { get; set; }

    /// <summary>How long a preloaded file id stays valid.</summary>
    public TimeSpan FileLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Largest accepted file (uploads, multipart binaries, downloaded <c>file+https://</c> URLs).</summary>
    public long MaxFileBytes { get; set; } = 200L * 1024 * 1024;

    /// <summary>Added to the real time on the Danim clock (file expiry, generation timeline, rate limit window).</summary>
    public TimeSpan ClockOffset { get; set; } = TimeSpan.Zero;

    /// <summary>Calls made to a callback URL before giving up: the first try plus the retries.</summary>
    public int CallbackMaxAttempts { get; set; } = 3;

    /// <summary>Wait before the first callback retry; it doubles for each further retry.</summary>
    public TimeSpan CallbackBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Whether <c>workspace_id</c> is required on create (<c>WorkspaceMustBeSet</c> when omitted).</summary>
    public bool RequireWorkspace { get; set; }

    internal DanimOptions Clone() => (DanimOptions)MemberwiseClone();

    internal void Validate()
    {
        if (PendingTime < TimeSpan.Zero || GeneratingTime < TimeSpan.Zero || CallbackBaseDelay < TimeSpan.Zero)
        {
            throw new ArgumentException("Danim: PendingTime, GeneratingTime and CallbackBaseDelay cannot be negative.");
        }

        if (RequestsPerMinute < 1 || RateLimitWindow <= TimeSpan.Zero || FileLifetime <= TimeSpan.Zero || MaxFileBytes < 1 || CallbackMaxAttempts < 1)
        {
            throw new ArgumentException("Danim: RequestsPerMinute, CallbackMaxAttempts and MaxFileBytes must be at least 1; RateLimitWindow and FileLifetime positive.");
        }

        if (GenerationQuota < 0)
        {
            throw new ArgumentException("Danim: GenerationQuota cannot be negative.");
        }
    }
}
