using System;
using System.IO;
using System.Management.Automation;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading;
using System.Threading.Tasks;
using AnimationTools.Core.Cmdlets;
using AnimationTools.Core.Errors;
using AnimationTools.Core.Http;
using Flurl;
using Flurl.Http;

namespace AnimationTools.Core.Transfer
{
    /// <summary>
    /// Downloads a URL into a file: streamed to <c>name.partial</c>, resumed with a Range request after a broken or
    /// stalled connection, and renamed to its final name only once complete. A resume builds only on bytes that
    /// provably belong to the same file: the server's strong validator (ETag, else Last-Modified) and the total length
    /// are saved beside the partial file (<c>name.partial.json</c>) and sent back as <c>If-Range</c>; a partial file
    /// without them, or a server whose file changed, starts over.
    /// </summary>
    public sealed class FileDownload
    {
        public const string PartialSuffix = ".partial";

        /// <summary>Beside the partial file: what the bytes in it were part of.</summary>
        public const string ValidatorSuffix = ".partial.json";

        /// <summary>Failed attempts in a row without a new byte after which the download gives up.</summary>
        public const int MaxAttemptsWithoutProgress = 5;

        readonly HttpPipeline _http;

        public FileDownload(HttpPipeline http)
        {
            _http = http;
        }

        /// <summary>Whether the service's authentication is sent with the download (signed URLs need none).</summary>
        public bool Authenticate { get; set; }

        /// <summary>
        /// Whether a <c>204 No Content</c> answer means "there is no such file": DownloadAsync then writes nothing and
        /// returns null. Otherwise 204 saves an empty file.
        /// </summary>
        public bool NoContentMeansNone { get; set; }

        /// <summary>Downloads <paramref name="url"/> (absolute, or a path under the session's endpoint) into <paramref name="destination"/>.</summary>
        public async Task<FileInfo> DownloadAsync(Url url, string destination, CancellationToken cancellationToken)
        {
            var partial = destination + PartialSuffix;
            var name = Path.GetFileName(destination);
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(destination)));
            TransferProgress progress = null;
            var failuresWithoutProgress = 0;
            long mostReceived = 0;
            while (true)
            {
                try
                {
                    var total = await DownloadRestAsync(url, partial, p => progress = progress ?? p(name), cancellationToken).ConfigureAwait(false);
                    if (total == NoContent)
                    {
                        return null;
                    }
                    var length = LengthOf(partial);
                    if (total >= 0 && length != total)
                    {
                        throw new IOException($"the download ended at {length} of {total} bytes");
                    }
                    break;
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested && IsInterruption(ex))
                {
                    // Progress is a byte never held before: a server that restarts the file and breaks at the same place makes none.
                    var now = LengthOf(partial);
                    failuresWithoutProgress = now > mostReceived ? 0 : failuresWithoutProgress + 1;
                    mostReceived = Math.Max(mostReceived, now);
                    if (failuresWithoutProgress >= MaxAttemptsWithoutProgress)
                    {
                        throw Failure(ex, name, destination, now);
                    }
                    OperationStreams.Current.Verbose($"{_http.Service}: download of '{name}' interrupted at byte {now} ({_http.Redact(ex.Message)}); resuming");
                    await Task.Delay(BackOff(failuresWithoutProgress), cancellationToken).ConfigureAwait(false);
                }
            }

            if (File.Exists(destination))
            {
                File.Delete(destination);
            }
            File.Move(partial, destination);
            DeleteQuietly(partial + ".json");
            progress?.Complete();
            return FileSystemItem.Of(destination);
        }

        AnimationToolsException Failure(Exception ex, string name, string destination, long now)
        {
            if (ex is BodyStalledException)
            {
                return new AnimationToolsException(_http.Service + ".DownloadStalled", ErrorCategory.OperationTimeout,
                    $"The download of '{name}' stalled at byte {now}: {ex.Message} ({MaxAttemptsWithoutProgress} attempts in a row without progress). Run the command again to resume.", ex, destination)
                {
                    RecommendedAction = "Check the network, or raise the session's Retry.BodyIdleTimeout, then run the command again.",
                };
            }
            return new AnimationToolsException(_http.Service + ".DownloadFailed", ErrorCategory.ConnectionError,
                $"The download of '{name}' failed at byte {now}: {_http.Redact(ex.Message)}. Run the command again to resume.", ex, destination);
        }

        static bool IsInterruption(Exception ex)
        {
            return ex is IOException || ex is HttpRequestException || ex is TimeoutException || (ex is AnimationToolsException mapped && mapped.IsTransportFailure);
        }

        TimeSpan BackOff(int failures)
        {
            var ms = _http.Retry.BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Max(0, failures - 1));
            return TimeSpan.FromMilliseconds(Math.Min(ms, _http.Retry.MaxDelay.TotalMilliseconds));
        }

        const long NoContent = -2;

        /// <summary>
        /// Appends the rest of the file to <paramref name="partial"/>, or writes it anew when what is there cannot be
        /// trusted; returns the total size, -1 when unknown, NoContent for a 204 that means none.
        /// </summary>
        async Task<long> DownloadRestAsync(Url url, string partial, Func<Func<string, TransferProgress>, TransferProgress> progressFactory, CancellationToken cancellationToken)
        {
            var validatorPath = partial + ".json";
            var have = LengthOf(partial);
            var saved = have > 0 ? PartialValidator.Read(validatorPath) : null;
            if (have > 0 && (saved == null || saved.IfRange == null || (saved.Length >= 0 && have > saved.Length)))
            {
                OperationStreams.Current.Verbose($"{_http.Service}: '{Path.GetFileName(partial)}' cannot be resumed safely (no validator of the file it came from); starting over");
                DeleteQuietly(partial);
                have = 0;
                saved = null;
            }
            if (have == 0)
            {
                DeleteQuietly(validatorPath);
            }

            var request = _http.Request(url.ToString()).StreamResponse().AcceptStatus(416);
            if (!Authenticate)
            {
                request.WithoutAuthentication();
            }
            if (NoContentMeansNone)
            {
                request.AcceptStatus(204);
            }
            if (have > 0)
            {
                request.WithHeader("Range", new RangeHeaderValue(have, null)).WithHeader("If-Range", saved.IfRange);
            }
            using (var answer = await request.GetAsync(HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false))
            {
                var response = answer.ResponseMessage;
                if (response.StatusCode == HttpStatusCode.NoContent && NoContentMeansNone)
                {
                    return NoContent;
                }
                var range = response.Content.Headers.ContentRange;
                if (response.StatusCode == (HttpStatusCode)416)
                {
                    // Nothing more to send: what we have is the whole file, if the server says the file is that long.
                    if (have > 0 && range?.Length == have && saved.Length == have)
                    {
                        return have;
                    }
                    DeleteQuietly(partial);
                    DeleteQuietly(validatorPath);
                    throw new IOException($"the server refused the range of the partial file ({have} bytes); starting over");
                }
                var resumed = response.StatusCode == HttpStatusCode.PartialContent;
                if (resumed && (have == 0 || range?.From != have || !range.HasLength || (saved.Length >= 0 && range.Length != saved.Length)))
                {
                    DeleteQuietly(partial);
                    DeleteQuietly(validatorPath);
                    throw new IOException($"the server sent a range that does not continue the partial file ({have} bytes); starting over");
                }
                var total = resumed ? range.Length.Value : response.Content.Headers.ContentLength ?? -1;
                if (!resumed)
                {
                    // A whole file (a first request, or a server whose file changed): remember what it is before writing a byte.
                    PartialValidator.From(response, total).Write(validatorPath);
                }
                var progress = progressFactory(name => new TransferProgress("Downloading " + name, total));
                progress.Set(resumed ? have : 0);
                using (var file = new FileStream(partial, resumed ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.None, 81920, true))
                {
                    await CopyBodyAsync(response, file, progress, cancellationToken).ConfigureAwait(false);
                }
                return total;
            }
        }

        /// <summary>
        /// Copies the body to the file; a body that sends no byte for <see cref="RetrySettings.BodyIdleTimeout"/> is a
        /// <see cref="BodyStalledException"/> (the attempt's own time limit ended with the headers).
        /// </summary>
        async Task CopyBodyAsync(HttpResponseMessage response, FileStream file, TransferProgress progress, CancellationToken cancellationToken)
        {
            var idleTimeout = _http.Retry.BodyIdleTimeout;
            if (idleTimeout <= TimeSpan.Zero)
            {
                // Zero or less: no idle limit (the user's choice).
                idleTimeout = Timeout.InfiniteTimeSpan;
            }
            using (var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            using (var body = await response.Content.ReadAsStreamAsync().ConfigureAwait(false))
            // Should a read not honour its token, closing the stream ends it.
            using (idle.Token.Register(body.Dispose))
            {
                var buffer = new byte[81920];
                while (true)
                {
                    int read;
                    idle.CancelAfter(idleTimeout);
                    try
                    {
                        read = await body.ReadAsync(buffer, 0, buffer.Length, idle.Token).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (idle.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                    {
                        throw new BodyStalledException($"no data for {idleTimeout.TotalSeconds:0.#} s at byte {progress.Done}", ex);
                    }
                    if (read == 0)
                    {
                        return;
                    }
                    await file.WriteAsync(buffer, 0, read, cancellationToken).ConfigureAwait(false);
                    progress.Add(read);
                }
            }
        }

        static long LengthOf(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;

        static void DeleteQuietly(string path)
        {
            try
            {
                File.Delete(path);
            }
            catch (IOException)
            {
            }
        }

        /// <summary>What the bytes of a partial file belong to: the server's strong validator and the file's length.</summary>
        sealed class PartialValidator
        {
            static readonly JsonSerializerOptions Options = new JsonSerializerOptions { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

            [JsonPropertyName("etag")] public string ETag { get; set; }
            [JsonPropertyName("lastModified")] public string LastModified { get; set; }
            [JsonPropertyName("length")] public long Length { get; set; } = -1;

            /// <summary>The If-Range value: a strong ETag (a weak one may not be used), else the Last-Modified date.</summary>
            [JsonIgnore] public string IfRange => ETag ?? LastModified;

            public static PartialValidator From(HttpResponseMessage response, long total)
            {
                var etag = response.Headers.ETag;
                var modified = response.Content.Headers.LastModified;
                return new PartialValidator
                {
                    ETag = etag != null && !etag.IsWeak ? etag.ToString() : null,
                    LastModified = modified?.ToString("r", System.Globalization.CultureInfo.InvariantCulture),
                    Length = total,
                };
            }

            public static PartialValidator Read(string path)
            {
                try
                {
                    return File.Exists(path) ? JsonSerializer.Deserialize<PartialValidator>(File.ReadAllText(path), Options) : null;
                }
                catch (Exception ex) when (ex is IOException || ex is JsonException || ex is UnauthorizedAccessException)
                {
                    return null;
                }
            }

            public void Write(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, Options));
        }
    }

    /// <summary>A response body that sent no byte for longer than the session's BodyIdleTimeout.</summary>
    public sealed class BodyStalledException : TimeoutException
    {
        public BodyStalledException(string message, Exception inner) : base(message, inner)
        {
        }
    }
}
