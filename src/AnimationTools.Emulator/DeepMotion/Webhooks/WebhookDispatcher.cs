using System.Net.Http.Headers;
using System.Text.Json;
using AnimationTools.Emulator.Infrastructure;

namespace AnimationTools.Emulator.DeepMotion;

/// <summary>
/// Delivers <c>job.completed</c> events: a JSON POST with <c>X-DeepMotion-Signature: &lt;client id&gt;</c>, 2xx counts
/// as delivered, otherwise retried with doubling waits.
/// </summary>
internal sealed class WebhookDispatcher : IAsyncDisposable
{
    private readonly OutboundDeliveries<WebhookDelivery> deliveries;
    private readonly EmulatorOptions options;

    public WebhookDispatcher(EmulatorOptions options, TimeProvider clock)
    {
        this.options = options;
        deliveries = new OutboundDeliveries<WebhookDelivery>(clock);
    }

    public void JobCompleted(Job job, IReadOnlyList<WebhookEndpoint> endpoints)
    {
        var taskStatus = job.Progress.Phase == JobPhase.Success ? "success" : "failure";
        var body = JsonSerializer.SerializeToUtf8Bytes(new
        {
            eventType = WebhookEndpoint.JobCompleted,
            data = new { taskId = job.Rid, status = taskStatus },
        });

        foreach (var endpoint in endpoints)
        {
            deliveries.Send(
                () =>
                {
                    var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url) { Content = new ByteArrayContent(body) };
                    request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                    request.Headers.TryAddWithoutValidation("X-DeepMotion-Signature", job.ClientId);
                    return request;
                },
                options.WebhookMaxAttempts, options.WebhookBaseDelay,
                outcome => new WebhookDelivery(endpoint.Id, endpoint.Url, WebhookEndpoint.JobCompleted, job.Rid, taskStatus,
                    outcome.Attempt, outcome.Status, outcome.Error, outcome.Succeeded, outcome.At));
        }
    }

    public IReadOnlyList<WebhookDelivery> Attempts() => deliveries.Attempts();

    /// <summary>Forgets the attempt log and abandons deliveries still waiting for a retry.</summary>
    public void Reset() => deliveries.Reset();

    public ValueTask DisposeAsync() => deliveries.DisposeAsync();
}
