namespace AnimationTools.Emulator.Danim;

/// <summary>The per-app request quota (contract §5): a sliding window; refused requests do not count.</summary>
internal sealed class RateLimiter
{
    private readonly object sync = new();
    private readonly Dictionary<string, Queue<DateTimeOffset>> windows = new(StringComparer.Ordinal);

    /// <summary>Counts the request; false when the app has used its quota for the window.</summary>
    public bool TryAcquire(string appId, int limit, TimeSpan window, DateTimeOffset now)
    {
        lock (sync)
        {
            if (!windows.TryGetValue(appId, out var times))
            {
                windows[appId] = times = new Queue<DateTimeOffset>();
            }

            while (times.Count > 0 && (times.Peek() <= now - window || times.Peek() > now))
            {
                // Entries in the future come from a clock offset that was moved back: forget them too.
                times.Dequeue();
            }

            if (times.Count >= limit)
            {
                return false;
            }

            times.Enqueue(now);
            return true;
        }
    }

    public void Reset()
    {
        lock (sync)
        {
            windows.Clear();
        }
    }
}
