namespace AnimationTools.Emulator.Infrastructure;

/// <summary>What one attempt of an outbound call came to.</summary>
/// <param name="Attempt">1 for the first try, 2 for the first retry, ...</param>
/// <param name="Status">HTTP status the receiver answered; null when no answer came (refused, timeout...).</param>
internal readonly record struct DeliveryOutcome(int Attempt, int? Status, string? Error, DateTimeOffset At)
{
    public bool Succeeded => Status is >= 200 and < 300;
}

/// <summary>
/// The calls a service makes to its users' URLs (webhooks, callbacks): sent in the background, retried after a wait
/// that doubles until a 2xx answer or the last attempt, every attempt recorded in the service's own shape, 10 s per
/// attempt. A reset abandons what is still pending and forgets the log.
/// </summary>
internal sealed class OutboundDeliveries<TAttempt> : IAsyncDisposable
{
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(10);

    private readonly object sync = new();
    private readonly List<TAttempt> attempts = [];
    private readonly List<Task> running = [];
    private readonly TimeProvider clock;
    // Receivers are on loopback: a proxy from the environment must not get in the way.
    private readonly HttpClient http = new(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false }) { Timeout = AttemptTimeout };
    private CancellationTokenSource generation = new();

    public OutboundDeliveries(TimeProvider clock)
    {
        this.clock = clock;
    }

    /// <param name="createRequest">A fresh request for each attempt.</param>
    /// <param name="maxAttempts">The first try plus the retries.</param>
    /// <param name="firstWait">The wait before the first retry; it doubles for each further one.</param>
    /// <param name="describe">The attempt as the service's log records it.</param>
    public void Send(Func<HttpRequestMessage> createRequest, int maxAttempts, TimeSpan firstWait, Func<DeliveryOutcome, TAttempt> describe)
    {
        lock (sync)
        {
            running.RemoveAll(t => t.IsCompleted);
            var token = generation.Token;
            running.Add(Task.Run(() => DeliverAsync(createRequest, maxAttempts, firstWait, describe, token)));
        }
    }

    /// <summary>Logs an attempt that was not made (a URL the emulator does not call).</summary>
    public void Record(TAttempt attempt)
    {
        lock (sync)
        {
            attempts.Add(attempt);
        }
    }

    public IReadOnlyList<TAttempt> Attempts()
    {
        lock (sync)
        {
            return attempts.ToList();
        }
    }

    /// <summary>Forgets the attempt log and abandons deliveries still waiting for a retry.</summary>
    public void Reset()
    {
        lock (sync)
        {
            generation.Cancel();
            generation = new CancellationTokenSource();
            attempts.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        Task[] pending;
        lock (sync)
        {
            generation.Cancel();
            pending = running.ToArray();
        }

        await Task.WhenAll(pending);
        http.Dispose();
    }

    private async Task DeliverAsync(Func<HttpRequestMessage> createRequest, int maxAttempts, TimeSpan firstWait, Func<DeliveryOutcome, TAttempt> describe, CancellationToken abandoned)
    {
        var wait = firstWait;
        for (var attempt = 1; attempt <= maxAttempts && !abandoned.IsCancellationRequested; attempt++)
        {
            var (status, error) = await CallAsync(createRequest, abandoned);
            if (abandoned.IsCancellationRequested)
            {
                return;
            }

            var outcome = new DeliveryOutcome(attempt, status, error, clock.GetUtcNow());
            lock (sync)
            {
                // A reset between the call and this line must not leak an old attempt into the new log.
                if (!abandoned.IsCancellationRequested)
                {
                    attempts.Add(describe(outcome));
                }
            }

            if (outcome.Succeeded || attempt == maxAttempts)
            {
                return;
            }

            try
            {
                await Task.Delay(wait, clock, abandoned);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            wait *= 2;
        }
    }

    private async Task<(int? Status, string? Error)> CallAsync(Func<HttpRequestMessage> createRequest, CancellationToken abandoned)
    {
        try
        {
            using var request = createRequest();
            using var response = await http.SendAsync(request, abandoned);
            return ((int)response.StatusCode, null);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or InvalidOperationException or UriFormatException)
        {
            return (null, ex is TaskCanceledException && !abandoned.IsCancellationRequested ? "timeout" : ex.Message);
        }
    }
}
