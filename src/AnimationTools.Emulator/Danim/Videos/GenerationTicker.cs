using AnimationTools.Emulator.Infrastructure;

namespace AnimationTools.Emulator.Danim;

/// <summary>
/// Watches generations in the background so the end of one (the callback) happens even when nobody reads; every state
/// itself is computed from the clock when asked.
/// </summary>
internal sealed class GenerationTicker : IAsyncDisposable
{
    private readonly object sync = new();
    private readonly VideoStore videos;
    private readonly Func<DateTimeOffset> now;
    private readonly Action<VideoRecord> onFinished;
    private readonly BackgroundTicker ticker;

    public GenerationTicker(VideoStore videos, Func<DateTimeOffset> now, Action<VideoRecord> onFinished)
    {
        this.videos = videos;
        this.now = now;
        this.onFinished = onFinished;
        ticker = new BackgroundTicker(Tick);
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

    public ValueTask DisposeAsync() => ticker.DisposeAsync();
}
