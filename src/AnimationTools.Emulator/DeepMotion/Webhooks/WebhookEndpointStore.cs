using AnimationTools.Emulator.Infrastructure;

namespace AnimationTools.Emulator.DeepMotion;

/// <summary>Webhook endpoints of every account.</summary>
internal sealed class WebhookEndpointStore
{
    private readonly object sync = new();
    private readonly List<WebhookEndpoint> endpoints = [];

    public WebhookEndpoint Add(string clientId, string url, IReadOnlyList<string> events)
    {
        var endpoint = new WebhookEndpoint($"we_{RandomIds.Hex(12)}", clientId, url, events);
        lock (sync)
        {
            endpoints.Add(endpoint);
        }

        return endpoint;
    }

    public WebhookEndpoint? Find(string clientId, string id)
    {
        lock (sync)
        {
            return endpoints.FirstOrDefault(e => e.ClientId == clientId && e.Id == id);
        }
    }

    public IReadOnlyList<WebhookEndpoint> OfClient(string clientId)
    {
        lock (sync)
        {
            return endpoints.Where(e => e.ClientId == clientId).ToList();
        }
    }

    public IReadOnlyList<WebhookEndpoint> SubscribedTo(string clientId, string eventType)
    {
        lock (sync)
        {
            return endpoints.Where(e => e.ClientId == clientId && e.Events.Contains(eventType)).ToList();
        }
    }

    /// <summary>Replaces url and/or events (a missing field keeps its value); null when the endpoint is unknown.</summary>
    public WebhookEndpoint? Update(string clientId, string id, string? url, IReadOnlyList<string>? events)
    {
        lock (sync)
        {
            var index = endpoints.FindIndex(e => e.ClientId == clientId && e.Id == id);
            if (index < 0)
            {
                return null;
            }

            var updated = endpoints[index] with { Url = url ?? endpoints[index].Url, Events = events ?? endpoints[index].Events };
            endpoints[index] = updated;
            return updated;
        }
    }

    public bool Delete(string clientId, string id)
    {
        lock (sync)
        {
            return endpoints.RemoveAll(e => e.ClientId == clientId && e.Id == id) > 0;
        }
    }

    public void Clear()
    {
        lock (sync)
        {
            endpoints.Clear();
        }
    }
}
