namespace AnimationTools.Emulator.AvatarSdk;

/// <summary>
/// Settings of the emulated Avatar SDK (contract: shared/specs/avatarsdk.md). The client credentials are the
/// emulator's shared <see cref="EmulatorOptions.Clients"/>.
/// </summary>
public sealed class AvatarSdkOptions
{
    /// <summary>Lifetime of an access token (<c>expires_in</c>); the real service gives 36000 s.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromSeconds(36000);

    /// <summary>Time an avatar spends in <c>Uploading</c>.</summary>
    public TimeSpan UploadingTime { get; set; } = TimeSpan.FromSeconds(0.5);

    /// <summary>Time an avatar spends in <c>Queued</c>.</summary>
    public TimeSpan QueuedTime { get; set; } = TimeSpan.FromSeconds(0.5);

    /// <summary>Time an avatar spends in <c>Computing</c> (progress 0 → 100 in steps of 10).</summary>
    public TimeSpan ComputingTime { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Time an export takes from its start to <c>Completed</c> (the first third <c>Queued</c>).</summary>
    public TimeSpan ExportTime { get; set; } = TimeSpan.FromSeconds(1.5);

    /// <summary>Requests allowed per <see cref="ThrottleWindow"/>, per client id (developer access) or per player.</summary>
    public int ThrottleRequests { get; set; } = 60;

    /// <summary>The sliding window of the throttle.</summary>
    public TimeSpan ThrottleWindow { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Client access mode: every request (but player registration) must carry a valid <c>X-PlayerUID</c>.</summary>
    public bool ClientAccess { get; set; }

    /// <summary>Avatars included in the plan per billing period (<c>prepaid</c> of the usage statistics).</summary>
    public int PrepaidAvatars { get; set; } = 100;

    /// <summary>Lifetime of a selfie upload page.</summary>
    public TimeSpan SelfieLifetime { get; set; } = TimeSpan.FromHours(24);

    internal AvatarSdkOptions Clone() => (AvatarSdkOptions)MemberwiseClone();

    internal void Validate()
    {
        if (TokenLifetime <= TimeSpan.Zero || ThrottleRequests < 1 || ThrottleWindow <= TimeSpan.Zero || SelfieLifetime <= TimeSpan.Zero)
        {
            throw new ArgumentException("AvatarSdk: TokenLifetime, ThrottleWindow and SelfieLifetime must be positive, ThrottleRequests at least 1.");
        }

        if (UploadingTime < TimeSpan.Zero || QueuedTime < TimeSpan.Zero || ComputingTime < TimeSpan.Zero || ExportTime < TimeSpan.Zero || PrepaidAvatars < 0)
        {
            throw new ArgumentException("AvatarSdk: timings and PrepaidAvatars cannot be negative.");
        }
    }
}
