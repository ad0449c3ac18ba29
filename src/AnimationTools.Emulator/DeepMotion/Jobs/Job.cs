namespace AnimationTools.Emulator.DeepMotion;

/// <summary>One animation job started by <c>POST /process</c>.</summary>
internal sealed class Job
{
    private readonly Lazy<ResultFileSet> results;
    private int? forcedFailure;

    public Job(string rid, string clientId, JobInput input, JobSettings settings, JobPlan plan, double cost, DateTimeOffset createdAt)
    {
        Rid = rid;
        ClientId = clientId;
        Input = input;
        Settings = settings;
        Plan = plan;
        Cost = cost;
        CreatedAt = createdAt;
        Progress = new JobProgress(JobPhase.Starting, 0, null, createdAt);
        results = new Lazy<ResultFileSet>(() => ResultFileSet.Build(this));
    }

    public string Rid { get; }

    /// <summary>Account that started the job; other accounts never see it.</summary>
    public string ClientId { get; }

    public JobInput Input { get; }

    public JobSettings Settings { get; }

    public JobPlan Plan { get; }

    /// <summary>Credits charged when the job succeeds.</summary>
    public double Cost { get; }

    public DateTimeOffset CreatedAt { get; }

    public JobProgress Progress { get; private set; }

    /// <summary>Output files, generated on first download.</summary>
    public ResultFileSet Results => results.Value;

    /// <summary>Makes the job fail with the given code at its next advance, whatever its plan.</summary>
    public void ForceFailure(int code) => forcedFailure = code;

    /// <summary>Moves the job along its timeline; true exactly once, when it reaches a terminal state.</summary>
    public bool Advance(DateTimeOffset now)
    {
        var current = Progress;
        if (current.IsTerminal)
        {
            return false;
        }

        var (phase, step, code) = forcedFailure is { } forced
            ? (JobPhase.Failure, current.Step, forced)
            : JobTimeline.At(Plan, now - CreatedAt);
        if (phase != current.Phase || step != current.Step || code != current.ErrorCode)
        {
            Progress = new JobProgress(phase, step, code, now);
        }

        return Progress.IsTerminal;
    }
}
