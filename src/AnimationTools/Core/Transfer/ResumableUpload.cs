using System;
using System.IO;
using System.Management.Automation;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using AnimationTools.Core.Cmdlets;
using AnimationTools.Core.Errors;
using AnimationTools.Core.Http;
using Flurl.Http;

namespace AnimationTools.Core.Transfer
{
    /// <summary>
    /// Uploads a file to a signed storage URL with the resumable protocol of Google Cloud Storage: start a session
    /// (POST, <c>x-goog-resumable: start</c>), PUT chunks with Content-Range, and after a broken connection ask how far
    /// the server got (<c>Content-Range: bytes */total</c>) and go on from there.
    /// </summary>
    public sealed class ResumableUpload
    {
        /// <summary>Every chunk but the last must be a multiple of this (GCS rule).</summary>
        public const int ChunkQuantum = 256 * 1024;

        /// <summary>Failed requests in a row (chunks or status queries) after which the upload gives up.</summary>
        public const int MaxAttemptsWithoutProgress = 6;

        readonly HttpPipeline _http;

        public ResumableUpload(HttpPipeline http, int chunkSize = 8 * 1024 * 1024)
        {
            if (chunkSize < ChunkQuantum || chunkSize % ChunkQuantum != 0)
            {
                throw new ArgumentOutOfRangeException(nameof(chunkSize), "The chunk size must be a positive multiple of 256 KiB.");
            }
            _http = http;
            ChunkSize = chunkSize;
        }

        public int ChunkSize { get; }

        /// <summary>Time limit of one chunk PUT.</summary>
        public TimeSpan ChunkTimeout { get; set; } = TimeSpan.FromMinutes(10);

        public async Task UploadAsync(Uri signedUrl, string path, string activity, CancellationToken cancellationToken)
        {
            var total = new FileInfo(path).Length;
            var progress = new TransferProgress(activity, total);
            var sessionUri = await StartSessionAsync(signedUrl, cancellationToken).ConfigureAwait(false);
            await SendAsync(sessionUri, path, total, 0, progress, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>
        /// Uploads a file so that a rerun after a failure, Ctrl+C or a crash continues it: when <paramref name="journal"/>
        /// holds a session for <paramref name="key"/>, the server is asked how far it got and the rest is sent; when it has
        /// none, or the server no longer knows the session (404, 410), a new signed URL is asked for
        /// (<paramref name="newSignedUrl"/>), its session started and saved before the first byte is sent. The record is
        /// removed once the upload is complete. Returns the storage URL the file was uploaded to.
        /// </summary>
        public async Task<Uri> UploadAsync(Func<CancellationToken, Task<Uri>> newSignedUrl, string path, string activity, UploadJournal journal, string key, CancellationToken cancellationToken)
        {
            var name = Path.GetFileName(path);
            var total = new FileInfo(path).Length;
            var progress = new TransferProgress(activity, total);
            var saved = journal.Find(key);
            if (saved != null
                && Uri.TryCreate(saved.Session, UriKind.Absolute, out var savedSession)
                && saved.Values != null && saved.Values.TryGetValue(UploadRecord.StorageUrl, out var savedUrl)
                && Uri.TryCreate(savedUrl, UriKind.Absolute, out var savedStorageUrl))
            {
                try
                {
                    OperationStreams.Current.Verbose($"{_http.Service}: continuing the upload of '{name}' started {saved.StartedUtc.ToLocalTime():g}");
                    await SendAsync(savedSession, path, total, null, progress, cancellationToken).ConfigureAwait(false);
                    journal.Remove(key);
                    return savedStorageUrl;
                }
                catch (AnimationToolsException ex) when (ex.StatusCode == 404 || ex.StatusCode == 410)
                {
                    OperationStreams.Current.Verbose($"{_http.Service}: the earlier upload session of '{name}' is gone ({ex.StatusCode}); starting again");
                }
            }
            journal.Remove(key);

            var signedUrl = await newSignedUrl(cancellationToken).ConfigureAwait(false);
            var sessionUri = await StartSessionAsync(signedUrl, cancellationToken).ConfigureAwait(false);
            try
            {
                journal.Save(key, new UploadRecord
                {
                    Session = sessionUri.AbsoluteUri,
                    StartedUtc = DateTime.UtcNow,
                    Values = { [UploadRecord.StorageUrl] = signedUrl.OriginalString },
                });
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                // The upload itself can still succeed; only a rerun after a failure would start over.
                OperationStreams.Current.Verbose($"{_http.Service}: could not save the upload session of '{name}' under {journal.Root} ({ex.Message}); a rerun after a failure starts over");
            }
            await SendAsync(sessionUri, path, total, 0, progress, cancellationToken).ConfigureAwait(false);
            journal.Remove(key);
            return signedUrl;
        }

        /// <summary>
        /// Sends the file to the session from <paramref name="offset"/> (null: ask the server first). Every failed
        /// request, a chunk or a status query, is one attempt without progress; the upload goes on while fewer than
        /// <see cref="MaxAttemptsWithoutProgress"/> fail in a row, and any byte the server confirms resets the count.
        /// </summary>
        async Task SendAsync(Uri sessionUri, string path, long total, long? offset, TransferProgress progress, CancellationToken cancellationToken)
        {
            var name = Path.GetFileName(path);
            long confirmed = offset ?? 0;
            var failuresWithoutProgress = 0;
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                long next;
                try
                {
                    if (offset.HasValue)
                    {
                        var length = Math.Min(ChunkSize, total - offset.Value);
                        next = await PutChunkAsync(sessionUri, path, offset.Value, length, total, progress, cancellationToken).ConfigureAwait(false);
                    }
                    else
                    {
                        next = await QueryOffsetAsync(sessionUri, total, cancellationToken).ConfigureAwait(false);
                        if (next >= 0)
                        {
                            OperationStreams.Current.Verbose($"{_http.Service}: resuming '{name}' at byte {next}");
                            progress.Set(next);
                        }
                    }
                }
                catch (AnimationToolsException ex) when (IsTransient(ex))
                {
                    failuresWithoutProgress++;
                    if (failuresWithoutProgress >= MaxAttemptsWithoutProgress)
                    {
                        throw new AnimationToolsException(_http.Service + ".UploadFailed", ErrorCategory.ConnectionError,
                            $"The upload of '{name}' stopped at {confirmed} of {total} bytes after {failuresWithoutProgress} attempts in a row without progress: {ex.Message}", ex, path)
                        {
                            RecommendedAction = "Check the network, then run the command again.",
                        };
                    }
                    OperationStreams.Current.Verbose($"{_http.Service}: upload of '{name}' interrupted ({ex.Message}); asking the server how far it got");
                    await Task.Delay(BackOff(failuresWithoutProgress), cancellationToken).ConfigureAwait(false);
                    offset = null;
                    continue;
                }

                if (next < 0)
                {
                    progress.Set(total);
                    progress.Complete();
                    return;
                }
                if (next > confirmed)
                {
                    confirmed = next;
                    failuresWithoutProgress = 0;
                }
                else if (offset.HasValue)
                {
                    // A chunk the server took without keeping a byte of it.
                    failuresWithoutProgress++;
                }
                offset = next;
            }
        }

        static bool IsTransient(AnimationToolsException ex) => ex.IsTransportFailure || (ex.StatusCode ?? 0) >= 500 || ex.StatusCode == 429 || ex.StatusCode == 408;

        /// <summary>The session's back-off: BaseDelay doubling from the first failure, capped at MaxDelay.</summary>
        TimeSpan BackOff(int failures)
        {
            var ms = _http.Retry.BaseDelay.TotalMilliseconds * Math.Pow(2, failures - 1);
            return TimeSpan.FromMilliseconds(Math.Min(ms, _http.Retry.MaxDelay.TotalMilliseconds));
        }

        async Task<Uri> StartSessionAsync(Uri signedUrl, CancellationToken cancellationToken)
        {
            var request = _http.Request(signedUrl.AbsoluteUri)
                .WithoutAuthentication()
                .WithHeader("x-goog-resumable", "start");
            using (var response = await request.PostAsync(new ByteArrayContent(new byte[0]), cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                var location = response.ResponseMessage.Headers.Location;
                if (location == null)
                {
                    throw new AnimationToolsException(_http.Service + ".InvalidResponse", ErrorCategory.InvalidResult,
                        "The storage service started no resumable upload session (no Location header).");
                }
                var session = location.IsAbsoluteUri ? location.OriginalString : new Uri(signedUrl, location).AbsoluteUri;
                return EndpointPolicy.ValidateResponseUrl(_http.Service, session, "upload session (Location)");
            }
        }

        /// <summary>PUTs one chunk; returns the next offset, or -1 when the upload is complete.</summary>
        async Task<long> PutChunkAsync(Uri sessionUri, string path, long offset, long length, long total, TransferProgress progress, CancellationToken cancellationToken)
        {
            progress.Set(offset);
            var chunk = new FileRangeContent(path, offset, length, progress);
            chunk.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            chunk.Headers.ContentRange = length > 0 ? new ContentRangeHeaderValue(offset, offset + length - 1, total) : new ContentRangeHeaderValue(total);
            using (var response = await SessionRequest(sessionUri).WithoutRetry().WithAttemptTimeout(ChunkTimeout)
                .PutAsync(chunk, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                return NextOffset(response.ResponseMessage);
            }
        }

        async Task<long> QueryOffsetAsync(Uri sessionUri, long total, CancellationToken cancellationToken)
        {
            var query = new ByteArrayContent(new byte[0]);
            query.Headers.ContentRange = new ContentRangeHeaderValue(total);
            // One attempt: a failed query is one more attempt without progress of the upload's own loop.
            using (var response = await SessionRequest(sessionUri).WithoutRetry().PutAsync(query, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                return NextOffset(response.ResponseMessage);
            }
        }

        /// <summary>A request to the upload session: unsigned, and its 308 means "resume incomplete", not a redirect.</summary>
        IFlurlRequest SessionRequest(Uri sessionUri) => _http.Request(sessionUri.AbsoluteUri).WithoutAuthentication().WithAutoRedirect(false).AcceptStatus(308);

        /// <summary>308 with <c>Range: bytes=0-N</c> → N+1; 308 without Range → 0; 200/201 → complete (-1).</summary>
        static long NextOffset(HttpResponseMessage response)
        {
            if ((int)response.StatusCode != 308)
            {
                return -1;
            }
            if (response.Headers.TryGetValues("Range", out var values))
            {
                foreach (var value in values)
                {
                    var dash = value.LastIndexOf('-');
                    if (dash > 0 && long.TryParse(value.Substring(dash + 1), out var last))
                    {
                        return last + 1;
                    }
                }
            }
            return 0;
        }
    }
}
