using System.Net.Http.Headers;
using System.Text.Json;

namespace AnimationTools.Emulator.DeepMotion;

/// <summary>
/// Delivers <c>job.completed</c> events (§12.2): a JSON POST with <c>X-DeepMotion-Signature: &lt;client id&gt;</c>,
/// 2xx counts as delivered, otherwise retried with doubling waits; 10 s timeout per attempt.
/// </summary>
internal sealed class WebhookDispatcher : IAsyncDisposable
{
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(10);

    private readonly object sync = new();
    private readonly List<WebhookDelivery> attempts = [];
    private readonly List<Task> running = [];
    private readonly EmulatorOptions options;
    private readonly TimeProvider clock;
    private readonly HttpClient http;
    private CancellationTokenSource generation = new();

    public WebhookDispatcher(EmulatorOptions options, TimeProvider clock)
    {
        this.options = options;
        this.clock = clock;
        // Receivers are on loopback: a proxy from the environment must not get in the way.
        http = new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false }) { Timeout = AttemptTimeout };
    }

    public void JobCompleted(Job job, IReadOnlyList<WebhookEndpoint> endpoints)
    {
        var taskStatus = job.Progress.Phase == JobPhase.Success ? "success" : "failure";
        var body = JsonSerializer.SerializeToUtf8Bytes(new
        {
            eventType = WebhookEndpoint.JobCompleted,
            data = new { taskId = job.Rid, status = taskStatus },
        });

        lock (sync)
        {
            running.RemoveAll(t => t.IsCompleted);
            foreach (var endpoint in endpoints)
            {
                var delivery = new PendingDelivery(endpoint, job.ClientId, job.Rid, taskStatus, body);
                running.Add(Task.Run(() => DeliverAsync(delivery, generation.Token)));
            }
        }
    }

    public IReadOnlyList<WebhookDelivery> Attempts()
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

    private async Task DeliverAsync(PendingDelivery delivery, CancellationToken abandoned)
    {
        var maxAttempts = options.WebhookMaxAttempts;
        var wait = options.WebhookBaseDelay;
        for (var attempt = 1; attempt <= maxAttempts && !abandoned.IsCancellationRequested; attempt++)
        {
            var (status, error) = await PostAsync(delivery, abandoned);
            if (abandoned.IsCancellationRequested)
            {
                return;
            }

            var succeeded = status is >= 200 and < 300;
            Record(new WebhookDelivery(
                delivery.Endpoint.Id, delivery.Endpoint.Url, WebhookEndpoint.JobCompleted, delivery.Rid, delivery.TaskStatus,
                attempt, status, error, succeeded, clock.GetUtcNow()), abandoned);
            if (succeeded || attempt == maxAttempts)
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

    private async Task<(int? Status, string? Error)> PostAsync(PendingDelivery delivery, CancellationToken abandoned)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Endpoint.Url)
            {
                Content = new ByteArrayContent(delivery.Body),
            };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.TryAddWithoutValidation("X-DeepMotion-Signature", delivery.ClientId);
            using var response = await http.SendAsync(request, abandoned);
            return ((int)response.StatusCode, null);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or InvalidOperationException)
        {
            return (null, ex is TaskCanceledException && !abandoned.IsCancellationRequested ? "timeout" : ex.Message);
        }
    }

    private void Record(WebhookDelivery attempt, CancellationToken abandoned)
    {
        lock (sync)
        {
            // A reset between the POST and this line must not leak an old attempt into the new log.
            if (!abandoned.IsCancellationRequested)
            {
                attempts.Add(attempt);
            }
        }
    }

    private sealed record PendingDelivery(WebhookEndpoint Endpoint, string ClientId, string Rid, string TaskStatus, byte[] Body);
}
