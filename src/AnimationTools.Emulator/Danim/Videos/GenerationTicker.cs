namespace AnimationTools.Emulator.Danim;

/// <summary>
/// Watches generations in the background so the end of one (the callback) happens even when nobody reads; every state
/// itself is computed from the clock when asked.
/// </summary>
internal sealed class GenerationTicker : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    private readonly object sync = new();
    private readonly VideoStore videos;
    private readonly Func<DateTimeOffset> now;
    private readonly Action<VideoRecord> onFinished;
    private readonly CancellationTokenSource stopping = new();
    private readonly Task loop;

    public GenerationTicker(VideoStore videos, Func<DateTimeOffset> now, Action<VideoRecord> onFinished)
    {
        this.videos = videos;
        this.now = now;
        this.onFinished = onFinished;
        loop = RunAsync();
    }

    public void Tick()
    {
        lock (sync)
        {
            var at = now();
            foreach (var video in videos.All().Where(v => !v.Finished && v.IsTerminal(at)))
            {
                video.Finished = true;
                onFinished(video);
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
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stopping.Token))
        {
            Tick();
        }
    }
}
