namespace AnimationTools.Emulator.DeepMotion;

/// <summary>All jobs, in creation order.</summary>
internal sealed class JobStore
{
    private readonly object sync = new();
    private readonly Dictionary<string, Job> byRid = new(StringComparer.Ordinal);
    private readonly List<Job> ordered = [];

    public void Add(Job job)
    {
        lock (sync)
        {
            byRid.Add(job.Rid, job);
            ordered.Add(job);
        }
    }

    public Job? Find(string rid)
    {
        lock (sync)
        {
            return byRid.GetValueOrDefault(rid);
        }
    }

    /// <summary>The job, if it exists and belongs to the account.</summary>
    public Job? Find(string rid, string clientId) => Find(rid) is { } job && job.ClientId == clientId ? job : null;

    public IReadOnlyList<Job> All()
    {
        lock (sync)
        {
            return ordered.ToList();
        }
    }

    public IReadOnlyList<Job> OfClient(string clientId)
    {
        lock (sync)
        {
            return ordered.Where(j => j.ClientId == clientId).ToList();
        }
    }

    /// <summary>Credits that running jobs of the account will charge when they succeed.</summary>
    public double ReservedCredits(string clientId)
    {
        lock (sync)
        {
            return ordered.Where(j => j.ClientId == clientId && !j.Progress.IsTerminal).Sum(j => j.Cost);
        }
    }

    /// <summary>Makes a running job fail at the next tick; false when it is unknown or already finished.</summary>
    public bool ForceFailure(string rid, int code)
    {
        lock (sync)
        {
            if (!byRid.TryGetValue(rid, out var job) || job.Progress.IsTerminal)
            {
                return false;
            }

            job.ForceFailure(code);
            return true;
        }
    }

    /// <summary>Advances every job; returns those that reached a terminal state in this call.</summary>
    public IReadOnlyList<Job> Advance(DateTimeOffset now)
    {
        lock (sync)
        {
            return ordered.Where(job => job.Advance(now)).ToList();
        }
    }

    public void Clear()
    {
        lock (sync)
        {
            byRid.Clear();
            ordered.Clear();
        }
    }
}
