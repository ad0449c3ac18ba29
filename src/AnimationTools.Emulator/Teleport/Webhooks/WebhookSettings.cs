using AnimationTools.Emulator.Infrastructure;

namespace AnimationTools.Emulator.Teleport;

/// <summary>An organisation's webhook (§7): one URL and its signing secret.</summary>
/// <param name="ClientId">The organisation (client id); null for the registration that serves every organisation without one of its own.</param>
public sealed record WebhookRegistration(string? ClientId, string Url, string Secret);

/// <summary>
/// The organisations' webhooks, set through the control API (the real service has them in its Developer Dashboard).
/// Changing the URL keeps the signing secret, as the dashboard does; a registration without a secret gets a new one.
/// </summary>
internal sealed class WebhookSettings
{
    private readonly object sync = new();
    private readonly Dictionary<string, WebhookRegistration> registrations = new(StringComparer.Ordinal);

    public WebhookRegistration Set(string? clientId, string url, string? secret)
    {
        lock (sync)
        {
            var key = clientId ?? string.Empty;
            var keep = registrations.TryGetValue(key, out var old) ? old.Secret : null;
            var registration = new WebhookRegistration(clientId, url, secret ?? keep ?? "whsec_" + RandomIds.Hex(24));
            registrations[key] = registration;
            return registration;
        }
    }

    /// <summary>The registration that applies to an organisation: its own, else the one for every organisation.</summary>
    public WebhookRegistration? For(string clientId)
    {
        lock (sync)
        {
            return registrations.GetValueOrDefault(clientId) ?? registrations.GetValueOrDefault(string.Empty);
        }
    }

    public IReadOnlyList<WebhookRegistration> List()
    {
        lock (sync)
        {
            return registrations.Values.ToList();
        }
    }

    public bool Remove(string? clientId)
    {
        lock (sync)
        {
            return registrations.Remove(clientId ?? string.Empty);
        }
    }

    public void Clear()
    {
        lock (sync)
        {
            registrations.Clear();
        }
    }
}
