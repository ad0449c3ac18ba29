namespace AnimationTools.Emulator;

/// <summary>
/// Settings of one emulator instance. <see cref="EmulatorState.Options"/> is the running copy, which the control API
/// (<c>POST /_emulator/deepmotion/config</c>) changes and <c>POST /_emulator/reset</c> restores.
/// </summary>
public sealed class EmulatorOptions
{
    /// <summary>Accepted client credentials, client id → client secret.</summary>
    public Dictionary<string, string> Clients { get; set; } = new() { ["demo"] = "demo-secret" };

    /// <summary>Time from <c>POST /process</c> to the terminal state of a job.</summary>
    public TimeSpan JobDuration { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Number of progress steps reported while a job runs (<c>details.total</c>).</summary>
    public int JobSteps { get; set; } = 10;

    /// <summary>Lifetime of a <c>dmsess</c> session cookie.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Credit balance every client account starts with.</summary>
    public double InitialCredits { get; set; } = 1000;

    /// <summary>Credits one successful job costs (a flat price per job, whatever the video length).</summary>
    public double CreditsPerJob { get; set; } = 1;

    /// <summary>Shape of the <c>listModels</c> answer: the vendor demo's <c>{"list":[{"id"}]}</c> (default) or the seed's <c>[{"Id"}]</c>.</summary>
    public DeepMotion.ListModelsShape ListModelsShape { get; set; } = DeepMotion.ListModelsShape.List;

    /// <summary>Delivery attempts per webhook event and endpoint: the first try plus the retries.</summary>
    public int WebhookMaxAttempts { get; set; } = 4;

    /// <summary>Wait before the first webhook retry; it doubles for each further retry.</summary>
    public TimeSpan WebhookBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Settings of the Avatar SDK service (tokens, timings, throttling, access mode).</summary>
    public AvatarSdk.AvatarSdkOptions AvatarSdk { get; set; } = new();

    /// <summary>Settings of the Hour One service (API key, timings, rate limit, webhook retries).</summary>
    public HourOne.HourOneOptions HourOne { get; set; } = new();
    /// <summary>Settings of the Varjo Teleport service (tokens, part size, URL expiry, timings, bandwidth cap, webhooks).</summary>
    public Teleport.TeleportOptions Teleport { get; set; } = new();
    /// <summary>Settings of the Danim service (timings, rate limit, generation quota, file lifetime, clock offset, callbacks).</summary>
    public Danim.DanimOptions Danim { get; set; } = new();

    /// <summary>Address to listen on; must be a loopback address. Port 0 picks a free port.</summary>
    public string ListenUrl { get; set; } = "http://127.0.0.1:0";

    internal EmulatorOptions Clone()
    {
        var copy = new EmulatorOptions();
        copy.CopyFrom(this);
        return copy;
    }

    internal void CopyFrom(EmulatorOptions source)
    {
        Clients = new Dictionary<string, string>(source.Clients, StringComparer.Ordinal);
        JobDuration = source.JobDuration;
        JobSteps = source.JobSteps;
        SessionLifetime = source.SessionLifetime;
        InitialCredits = source.InitialCredits;
        CreditsPerJob = source.CreditsPerJob;
        ListModelsShape = source.ListModelsShape;
        WebhookMaxAttempts = source.WebhookMaxAttempts;
        WebhookBaseDelay = source.WebhookBaseDelay;
        ListenUrl = source.ListenUrl;
        AvatarSdk = source.AvatarSdk.Clone();
        HourOne = source.HourOne.Clone();
        Teleport = source.Teleport.Clone();
        Danim = source.Danim.Clone();
    }

    internal void Validate()
    {
        if (Clients.Count == 0)
        {
            throw new ArgumentException("At least one client is required.", nameof(Clients));
        }

        if (JobDuration < TimeSpan.Zero || JobSteps < 1 || SessionLifetime <= TimeSpan.Zero)
        {
            throw new ArgumentException("JobDuration must not be negative, JobSteps must be at least 1 and SessionLifetime positive.");
        }

        if (InitialCredits < 0 || CreditsPerJob < 0 || WebhookMaxAttempts < 1 || WebhookBaseDelay < TimeSpan.Zero)
        {
            throw new ArgumentException("Credits cannot be negative, WebhookMaxAttempts must be at least 1 and WebhookBaseDelay not negative.");
        }

        AvatarSdk.Validate();
        HourOne.Validate();
        Teleport.Validate();
        Danim.Validate();

        if (!Uri.TryCreate(ListenUrl, UriKind.Absolute, out var url) || url.Scheme != Uri.UriSchemeHttp || !IsLoopback(url))
        {
            throw new ArgumentException($"ListenUrl must be an http:// URL on a loopback address, got '{ListenUrl}'.", nameof(ListenUrl));
        }
    }

    private static bool IsLoopback(Uri url) =>
        url.IsLoopback || (System.Net.IPAddress.TryParse(url.Host.Trim('[', ']'), out var ip) && System.Net.IPAddress.IsLoopback(ip));
}
