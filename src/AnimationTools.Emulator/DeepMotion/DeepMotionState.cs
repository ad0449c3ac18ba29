namespace AnimationTools.Emulator.DeepMotion;

/// <summary>Everything the DeepMotion emulator holds, and the test hooks the control API exposes.</summary>
public sealed class DeepMotionState : IAsyncDisposable
{
    private readonly object sync = new();
    private NextJobOverrides? nextJob;

    internal DeepMotionState(EmulatorOptions options, TimeProvider clock)
    {
        Options = options;
        Time = clock;
        Sessions = new SessionStore(clock);
        Accounts = new AccountBook(options);
        Models = new ModelCatalog(clock);
        Deliveries = new WebhookDispatcher(options, clock);
        Clock = new JobClock(Jobs, clock, OnJobFinished);
    }

    internal EmulatorOptions Options { get; }

    internal TimeProvider Time { get; }

    internal SessionStore Sessions { get; }

    internal StorageBucket Storage { get; } = new();

    internal JobStore Jobs { get; } = new();

    internal JobClock Clock { get; }

    internal AccountBook Accounts { get; }

    internal ModelCatalog Models { get; }

    internal WebhookEndpointStore WebhookEndpoints { get; } = new();

    internal WebhookDispatcher Deliveries { get; }

    /// <summary>Makes every <c>dmsess</c> cookie issued so far invalid (401 on next use).</summary>
    public void ExpireSessions() => Sessions.ExpireAll();

    /// <summary>Makes a running job fail now with a §11 code; false when the job is unknown or already finished.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The code is not in the §11 table.</exception>
    public bool FailJob(string rid, int code)
    {
        if (!JobErrorCodes.IsKnown(code))
        {
            throw new ArgumentOutOfRangeException(nameof(code), code, "Not a job error code of the DeepMotion contract (§11).");
        }

        var accepted = Jobs.ForceFailure(rid, code);
        Clock.Tick();
        return accepted;
    }

    /// <summary>Shapes the next job created (replaces an earlier, unused setting).</summary>
    /// <exception cref="ArgumentOutOfRangeException">FailWith is not a §11 code, or DurationMs is negative.</exception>
    public void SetNextJob(NextJobOverrides overrides)
    {
        if (overrides.FailWith is { } code && !JobErrorCodes.IsKnown(code))
        {
            throw new ArgumentOutOfRangeException(nameof(overrides), code, "failWith is not a job error code of the DeepMotion contract (§11).");
        }

        if (overrides.DurationMs < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(overrides), overrides.DurationMs, "durationMs cannot be negative.");
        }

        lock (sync)
        {
            nextJob = new NextJobOverrides { FailWith = overrides.FailWith, RetryFirst = overrides.RetryFirst, DurationMs = overrides.DurationMs };
        }
    }

    /// <summary>Sets the credit balance of every account.</summary>
    public void SetCredits(double credits) => Accounts.SetAll(credits);

    public double CreditBalance(string clientId = "demo")
    {
        Clock.Tick();
        return Accounts.Balance(clientId);
    }

    public IReadOnlyList<UploadInfo> Uploads() =>
        Storage.All().Select(o => new UploadInfo(o.Name, o.Url, o.Size, o.Sha256Hex(), o.IsComplete, o.Resumable)).ToList();

    /// <summary>Bytes received for a signed URL (complete or not); null when the URL is unknown.</summary>
    public byte[]? UploadContent(string url) => Storage.FindByUrl(url)?.Snapshot();

    public IReadOnlyList<JobInfo> ListJobs()
    {
        Clock.Tick();
        return Jobs.All().Select(job =>
        {
            var progress = job.Progress;
            return new JobInfo(
                job.Rid, job.ClientId, progress.Phase.Wire(), progress.Step, job.Plan.Steps, progress.ErrorCode, job.Input.FileName,
                job.Settings.Params.Select(p => $"{p.Key}={p.Value}").ToList(), job.Cost, job.CreatedAt, progress.ModifiedAt);
        }).ToList();
    }

    public IReadOnlyList<WebhookDelivery> WebhookDeliveries() => Deliveries.Attempts();

    public async ValueTask DisposeAsync()
    {
        await Clock.DisposeAsync();
        await Deliveries.DisposeAsync();
    }

    internal NextJobOverrides? TakeNextJob()
    {
        lock (sync)
        {
            var taken = nextJob;
            nextJob = null;
            return taken;
        }
    }

    internal void Reset()
    {
        lock (sync)
        {
            nextJob = null;
        }

        Sessions.ExpireAll();
        Storage.Clear();
        Jobs.Clear();
        Accounts.Reset();
        Models.Clear();
        WebhookEndpoints.Clear();
        Deliveries.Reset();
    }

    /// <summary>Terminal work, done once per job: charge a success, announce the end to subscribed endpoints.</summary>
    private void OnJobFinished(Job job)
    {
        if (job.Progress.Phase == JobPhase.Success)
        {
            Accounts.Charge(job.ClientId, job.Cost);
        }

        Deliveries.JobCompleted(job, WebhookEndpoints.SubscribedTo(job.ClientId, WebhookEndpoint.JobCompleted));
    }
}
