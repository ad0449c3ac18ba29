namespace AnimationTools.Emulator.HourOne;

/// <summary>The optional request limit (an emulator choice: Hour One documents none), a sliding window per API key.</summary>
internal sealed class RateLimiter(TimeProvider clock)
{
    private readonly object sync = new();
    private readonly Dictionary<string, Queue<DateTimeOffset>> history = new(StringComparer.Ordinal);

    /// <summary>Null when allowed (and counted); otherwise the whole seconds until a slot frees (at least 1).</summary>
    public int? Check(string key, int limit, TimeSpan window)
    {
        var now = clock.GetUtcNow();
        lock (sync)
        {
            if (!history.TryGetValue(key, out var times))
            {
                times = history[key] = new Queue<DateTimeOffset>();
            }

            while (times.Count > 0 && times.Peek() <= now - window)
            {
                times.Dequeue();
            }

            if (times.Count >= limit)
            {
                return Math.Max(1, (int)Math.Ceiling((times.Peek() + window - now).TotalSeconds));
            }

            times.Enqueue(now);
            return null;
        }
    }

    public void Reset()
    {
        lock (sync)
        {
            history.Clear();
        }
    }
}
