using AnimationTools.Emulator.Infrastructure;

namespace AnimationTools.Emulator.HourOne;

/// <summary>A registered receiver: where events go and the secret that signs them.</summary>
public sealed record HourOneWebhook(string Id, string Url, string SigningSecret, IReadOnlyList<string> Events, DateTimeOffset CreatedAt);

/// <summary>
/// Webhooks of the account. The real management API (<c>/webhooks</c>) is for the web app's bearer session, not for API
/// clients, so the emulator registers them through <c>/_emulator/hourone/webhooks</c>.
/// </summary>
internal sealed class WebhookEndpoints
{
    public const string VideoReady = "video.ready";
    public const string VideoFailed = "video.failed";

    public static readonly IReadOnlyList<string> KnownEvents = [VideoReady, VideoFailed];

    private readonly object sync = new();
    private readonly List<HourOneWebhook> webhooks = [];

    public HourOneWebhook Add(string url, string? secret, IReadOnlyList<string>? events, DateTimeOffset now)
    {
        var webhook = new HourOneWebhook(Guid.NewGuid().ToString(), url, secret ?? RandomIds.Hex(32), events ?? KnownEvents, now);
        lock (sync)
        {
            webhooks.Add(webhook);
        }

        return webhook;
    }

    public IReadOnlyList<HourOneWebhook> All()
    {
        lock (sync)
        {
            return webhooks.ToList();
        }
    }

    public IReadOnlyList<HourOneWebhook> SubscribedTo(string eventName)
    {
        lock (sync)
        {
            return webhooks.Where(w => w.Events.Contains(eventName)).ToList();
        }
    }

    public bool Remove(string id)
    {
        lock (sync)
        {
            return webhooks.RemoveAll(w => w.Id == id) > 0;
        }
    }

    public void Clear()
    {
        lock (sync)
        {
            webhooks.Clear();
        }
    }
}
