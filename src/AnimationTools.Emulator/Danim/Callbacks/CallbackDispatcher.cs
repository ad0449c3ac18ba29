using AnimationTools.Emulator.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;

namespace AnimationTools.Emulator.Danim;

/// <summary>
/// Calls <c>callback_url</c> when a generation succeeds (§7.7): a form POST with <c>id</c>, <c>raw_url</c>,
/// <c>raw_quicklook_url</c>, <c>raw_thumbnail_url</c> and <c>player_url</c>, or a GET with them in the query for a
/// <c>https+get://</c> / <c>http+get://</c> URL. A 2xx answer is a delivery; otherwise it retries after
/// <see cref="DanimOptions.CallbackBaseDelay"/>, doubling, up to <see cref="DanimOptions.CallbackMaxAttempts"/> calls.
/// Only loopback addresses are called: the emulator never reaches out of the machine.
/// </summary>
internal sealed class CallbackDispatcher : IAsyncDisposable
{
    private readonly OutboundDeliveries<CallbackDelivery> deliveries;
    private readonly Func<DanimOptions> options;
    private readonly Func<DateTimeOffset> now;

    public CallbackDispatcher(Func<DanimOptions> options, Func<DateTimeOffset> now, TimeProvider clock)
    {
        this.options = options;
        this.now = now;
        deliveries = new OutboundDeliveries<CallbackDelivery>(clock);
    }

    /// <summary>Whether the value is a callback URL the emulator accepts on create.</summary>
    public static bool TryParse(string value, out Uri target, out bool useGet)
    {
        useGet = false;
        target = null!;
        if (!Uri.TryCreate(value, UriKind.Absolute, out var url))
        {
            return false;
        }

        var scheme = url.Scheme.ToLowerInvariant();
        if (scheme is "https+get" or "http+get")
        {
            useGet = true;
            scheme = scheme[..^4];
        }

        if (scheme is not ("http" or "https") || url.Host.Length == 0)
        {
            return false;
        }

        target = new UriBuilder(url) { Scheme = scheme, Port = url.IsDefaultPort ? -1 : url.Port }.Uri;
        return true;
    }

    public void VideoDone(VideoRecord video)
    {
        if (video.CallbackUrl is null || !TryParse(video.CallbackUrl, out var target, out var useGet))
        {
            return;
        }

        var fields = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["id"] = video.Id,
            ["raw_url"] = video.RawUrl,
            ["raw_quicklook_url"] = video.QuicklookUrl,
            ["raw_thumbnail_url"] = video.ThumbnailUrl,
            ["player_url"] = video.PlayerUrl,
        };
        var method = useGet ? "GET" : "POST";
        var requestUrl = useGet ? QueryHelpers.AddQueryString(target.ToString(), fields!) : target.ToString();
        if (!RemoteFileFetcher.IsLoopback(target))
        {
            deliveries.Record(new CallbackDelivery(video.Id, video.CallbackUrl, method, requestUrl, fields, 1, null,
                "not called: the emulator calls loopback addresses only", false, now()));
            return;
        }

        var settings = options();
        deliveries.Send(
            () => useGet
                ? new HttpRequestMessage(HttpMethod.Get, requestUrl)
                : new HttpRequestMessage(HttpMethod.Post, requestUrl) { Content = new FormUrlEncodedContent(fields) },
            settings.CallbackMaxAttempts, settings.CallbackBaseDelay,
            outcome => new CallbackDelivery(video.Id, video.CallbackUrl, method, requestUrl, fields, outcome.Attempt, outcome.Status, outcome.Error, outcome.Succeeded, now()));
    }

    public IReadOnlyList<CallbackDelivery> Deliveries() => deliveries.Attempts();

    public void Reset() => deliveries.Reset();

    public ValueTask DisposeAsync() => deliveries.DisposeAsync();
}
