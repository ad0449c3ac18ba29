using AnimationTools.Emulator.Infrastructure;

namespace AnimationTools.Emulator.HourOne;

/// <summary>
/// Announces videos that reached a terminal state. It ticks in the background so webhooks go out even when nobody
/// polls; hooks that end a video tick at once.
/// </summary>
internal sealed class VideoClock : IAsyncDisposable
{
    private readonly object sync = new();
    private readonly VideoStore videos;
    private readonly TimeProvider time;
    private readonly Action<VideoRecord, VideoState> onFinished;
    private readonly BackgroundTicker ticker;

    public VideoClock(VideoStore videos, TimeProvider time, Action<VideoRecord, VideoState> onFinished)
    {
        this.videos = videos;
        this.time = time;
        this.onFinished = onFinished;
        ticker = new BackgroundTicker(Tick, time);
    }

    public void Tick()
    {
        // One tick at a time: a video is announced exactly once.
        lock (sync)
        {
            var now = time.GetUtcNow();
            foreach (var video in videos.All().Where(v => !v.Announced).Reverse())
            {
                var state = video.StateAt(now);
                if (state.IsTerminal)
                {
                    video.Announced = true;
                    onFinished(video, state);
                }
            }
        }
    }

    public ValueTask DisposeAsync() => ticker.DisposeAsync();
}
