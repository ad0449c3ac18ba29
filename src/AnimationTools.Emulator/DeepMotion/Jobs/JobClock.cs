namespace AnimationTools.Emulator.DeepMotion;

/// <summary>
/// Moves jobs along their timelines. It ticks in the background so terminal work (credits, webhooks) happens even
/// when nobody polls, and routes tick before they read so a poll never sees a state older than the clock.
/// </summary>
internal sealed class JobClock : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    private readonly object sync = new();
    private readonly JobStore jobs;
    private readonly TimeProvider time;
    private readonly Action<Job> onFinished;
    private readonly CancellationTokenSource stopping = new();
    private readonly Task loop;

    public JobClock(JobStore jobs, TimeProvider time, Action<Job> onFinished)
    {
        this.jobs = jobs;
        this.time = time;
        this.onFinished = onFinished;
        loop = RunAsync();
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

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        try
        {
            await loop;
        }
        catch (OperationCanceledException)
        {
        }

        stopping.Dispose();
    }

    private async Task RunAsync()
    {
        using var timer = new PeriodicTimer(Interval, time);
        while (await timer.WaitForNextTickAsync(stopping.Token))
        {
            Tick();
        }
    }
}
