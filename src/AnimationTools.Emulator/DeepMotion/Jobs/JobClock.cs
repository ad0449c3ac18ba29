using AnimationTools.Emulator.Infrastructure;

namespace AnimationTools.Emulator.DeepMotion;

/// <summary>
/// Moves jobs along their timelines. It ticks in the background so terminal work (credits, webhooks) happens even
/// when nobody polls, and routes tick before they read so a poll never sees a state older than the clock.
/// </summary>
internal sealed class JobClock : IAsyncDisposable
{
    private readonly object sync = new();
    private readonly JobStore jobs;
    private readonly TimeProvider time;
    private readonly Action<Job> onFinished;
    private readonly BackgroundTicker ticker;

    public JobClock(JobStore jobs, TimeProvider time, Action<Job> onFinished)
    {
        this.jobs = jobs;
        this.time = time;
        this.onFinished = onFinished;
        ticker = new BackgroundTicker(Tick, time);
    }

    public void Tick()
    {
        // One tick at a time: the charge for a finished job is done before any other reader can see it finished.
        lock (sync)
        {
            foreach (var job in jobs.Advance(time.GetUtcNow()))
            {
                onFinished(job);
            }
        }
    }

    public ValueTask DisposeAsync() => ticker.DisposeAsync();
}
