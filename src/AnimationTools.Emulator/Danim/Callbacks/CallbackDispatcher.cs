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
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(10);

    private readonly object sync = new();
    private readonly List<CallbackDelivery> deliveries = [];
    private readonly List<Task> running = [];
    private readonly Func<DanimOptions> options;
    private readonly Func<DateTimeOffset> now;
    private readonly HttpClient http = new(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false }) { Timeout = AttemptTimeout };
    private CancellationTokenSource generation = new();

    public CallbackDispatcher(Func<DanimOptions> options, Func<DateTimeOffset> now)
    {
        this.options = options;
        this.now = now;
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
        lock (sync)
        {
            running.RemoveAll(t => t.IsCompleted);
            var token = generation.Token;
            running.Add(Task.Run(() => DeliverAsync(video, target, useGet, fields, token)));
        }
    }

    public IReadOnlyList<CallbackDelivery> Deliveries()
    {
        lock (sync)
        {
            return deliveries.ToList();
        }
    }

    public void Reset()
    {
        lock (sync)
        {
            generation.Cancel();
            generation = new CancellationTokenSource();
            deliveries.Clear();
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

    private async Task DeliverAsync(VideoRecord video, Uri target, bool useGet, Dictionary<string, string> fields, CancellationToken abandoned)
    {
        var method = useGet ? "GET" : "POST";
        var requestUrl = useGet ? QueryHelpers.AddQueryString(target.ToString(), fields!) : target.ToString();
        if (!RemoteFileFetcher.IsLoopback(target))
        {
            Record(new CallbackDelivery(video.Id, video.CallbackUrl!, method, requestUrl, fields, 1, null,
                "not called: the emulator calls loopback addresses only", false, now()), abandoned);
            return;
        }

        var settings = options();
        var wait = settings.CallbackBaseDelay;
        for (var attempt = 1; attempt <= settings.CallbackMaxAttempts && !abandoned.IsCancellationRequested; attempt++)
        {
            var (status, error) = await CallAsync(useGet, requestUrl, fields, abandoned);
            if (abandoned.IsCancellationRequested)
            {
                return;
            }

            var succeeded = status is >= 200 and < 300;
            Record(new CallbackDelivery(video.Id, video.CallbackUrl!, method, requestUrl, fields, attempt, status, error, succeeded, now()), abandoned);
            if (succeeded || attempt == settings.CallbackMaxAttempts)
            {
                return;
            }

            try
            {
                await Task.Delay(wait, abandoned);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            wait *= 2;
        }
    }

    private async Task<(int? Status, string? Error)> CallAsync(bool useGet, string requestUrl, Dictionary<string, string> fields, CancellationToken abandoned)
    {
        try
        {
            using var request = new HttpRequestMessage(useGet ? HttpMethod.Get : HttpMethod.Post, requestUrl);
            if (!useGet)
            {
                request.Content = new FormUrlEncodedContent(fields);
            }

            using var response = await http.SendAsync(request, abandoned);
            return ((int)response.StatusCode, null);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or InvalidOperationException)
        {
            return (null, ex is TaskCanceledException && !abandoned.IsCancellationRequested ? "timeout" : ex.Message);
        }
    }

    private void Record(CallbackDelivery delivery, CancellationToken abandoned)
    {
        lock (sync)
        {
            if (!abandoned.IsCancellationRequested)
            {
                deliveries.Add(delivery);
            }
        }
    }
}
