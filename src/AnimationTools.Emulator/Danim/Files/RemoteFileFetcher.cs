using System.Net;

namespace AnimationTools.Emulator.Danim;

/// <summary>
/// Downloads the files of <c>file+https://</c> (and <c>file+http://</c>) values (§8.1). The emulator never leaves the
/// machine: a loopback URL is really fetched; a URL on any other host is "downloaded" as a sample file chosen by the
/// extension of its path, except hosts under <c>.invalid</c>, which cannot be downloaded.
/// </summary>
internal sealed class RemoteFileFetcher : IDisposable
{
    public const string Prefix = "file+";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private readonly HttpClient http = new(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false }) { Timeout = Timeout };

    /// <summary>Whether the value names a remote file (<c>file+</c> and a scheme); other strings are plain text or ids.</summary>
    public static bool IsFileUrl(string value) => value.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>The downloaded file, checked by <see cref="FileRules"/>; a <see cref="DanimError"/> when it cannot be had.</summary>
    public async Task<(string Name, byte[] Content, AcceptedFile Accepted)> FetchAsync(string value, long maxBytes, CancellationToken ct)
    {
        var target = value[Prefix.Length..];
        if (!Uri.TryCreate(target, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https") || url.Host.Length == 0)
        {
            throw new DanimError(ErrorTypes.FileCannotBeDownloaded,
                $"\"{value}\" is not a downloadable URL: write file+https://host/path (the scheme must be present).");
        }

        var name = Uri.UnescapeDataString(url.Segments.LastOrDefault()?.TrimEnd('/') ?? string.Empty);
        if (url.Host.EndsWith(".invalid", StringComparison.OrdinalIgnoreCase))
        {
            throw new DanimError(ErrorTypes.FileCannotBeDownloaded, $"The file \"{url}\" cannot be downloaded: the host cannot be reached.");
        }

        if (!IsLoopback(url))
        {
            var sample = SampleFor(System.IO.Path.GetExtension(name).TrimStart('.').ToLowerInvariant());
            return (name, sample, FileRules.Inspect(name, null, sample, sample.Length, maxBytes));
        }

        HttpResponseMessage response;
        try
        {
            response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, ct);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            throw new DanimError(ErrorTypes.FileCannotBeDownloaded, $"The file \"{url}\" cannot be downloaded: {ex.Message}");
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw new DanimError(ErrorTypes.FileCannotBeDownloaded,
                    $"The file \"{url}\" cannot be downloaded: the server answered {(int)response.StatusCode} {response.ReasonPhrase}.");
            }

            var (content, length) = await ReadLimitedAsync(response, maxBytes, ct);
            var declared = response.Content.Headers.ContentType?.ToString();
            return (name, content ?? [], FileRules.Inspect(name, declared, content, length, maxBytes));
        }
    }

    public void Dispose() => http.Dispose();

    private static async Task<(byte[]? Content, long Length)> ReadLimitedAsync(HttpResponseMessage response, long maxBytes, CancellationToken ct)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        var copy = new MemoryStream();
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer, ct)) > 0)
        {
            total += read;
            if (total > maxBytes)
            {
                // Enough to know it is too large: the rest is not wanted.
                return (null, total);
            }

            copy.Write(buffer, 0, read);
        }

        return (copy.ToArray(), total);
    }

    private static byte[] SampleFor(string extension) => extension switch
    {
        "jpg" or "jpeg" => DanimSamples.ThumbnailJpg,
        "png" => DanimSamples.PosterPng,
        "mp4" or "mov" => DanimSamples.VideoMp4,
        "gif" => DanimSamples.QuicklookGif,
        _ => DanimSamples.ThumbnailJpg,
    };

    internal static bool IsLoopback(Uri url) =>
        url.IsLoopback || (IPAddress.TryParse(url.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
}
