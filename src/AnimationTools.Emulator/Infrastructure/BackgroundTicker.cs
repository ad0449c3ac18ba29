namespace AnimationTools.Emulator.Infrastructure;

/// <summary>
/// Calls a service's tick every 50 ms in the background, so the ends of its work (charges, webhooks, callbacks) happen
/// even when nobody polls. The tick itself decides what is due; disposing stops the loop.
/// </summary>
internal sealed class BackgroundTicker : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    private readonly CancellationTokenSource stopping = new();
    private readonly Task loop;

    public BackgroundTicker(Action tick, TimeProvider? time = null)
    {
        loop = RunAsync(tick, time ?? TimeProvider.System);
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

    private async Task RunAsync(Action tick, TimeProvider time)
    {
        using var timer = new PeriodicTimer(Interval, time);
        while (await timer.WaitForNextTickAsync(stopping.Token))
        {
            tick();
        }
    }
}
