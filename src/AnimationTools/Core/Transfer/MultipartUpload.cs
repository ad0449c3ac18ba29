using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using AnimationTools.Core.Cmdlets;
using AnimationTools.Core.Errors;
using AnimationTools.Core.Http;
using Flurl.Http;

namespace AnimationTools.Core.Transfer
{
    /// <summary>One uploaded part of a multipart upload: its number (from 1) and the ETag storage answered for it.</summary>
    public sealed class UploadedPart
    {
        public UploadedPart(int number, string etag)
        {
            Number = number;
            ETag = etag;
        }

        public int Number { get; }

        /// <summary>The ETag response header of the part's PUT, as sent (S3 quotes it).</summary>
        public string ETag { get; }

        public override string ToString() => Number.ToString(CultureInfo.InvariantCulture) + " " + ETag;
    }

    /// <summary>
    /// The S3 multipart protocol's transfer: parts of one source PUT in parallel to pre-signed URLs the service hands
    /// out one part at a time. A few workers (<see cref="ThrottleLimit"/>) take the next part number in turn, so memory
    /// does not grow with the file or the part count: one 128 KiB buffer per worker. Each PUT has the part's exact
    /// Content-Length and no Authorization; its ETag response header is kept. A failed part is tried again alone, with
    /// a fresh URL each time (an expired or refused one is the usual reason), after a short back-off; six failures of
    /// one part in a row end the upload (<c>&lt;Service&gt;.UploadFailed</c>) and stop the other workers. With a
    /// journal, every part's ETag is saved as soon as it arrives (<see cref="UploadJournal.Append"/>) and the parts a
    /// previous run finished are skipped: a rerun after Ctrl+C or a crash sends no part twice. The service's own steps
    /// (creating the upload, completing it with the ordered ETags) stay with the service's client.
    /// </summary>
    public sealed class MultipartUpload
    {
        /// <summary>Prefix of the journal values holding part ETags: <c>part.7</c> → <c>"etag"</c>.</summary>
        public const string PartPrefix = "part.";

        readonly HttpPipeline _http;

        public MultipartUpload(HttpPipeline http)
        {
            _http = http;
        }

        /// <summary>Parts sent at the same time (connections).</summary>
        public int ThrottleLimit { get; set; } = 4;

        /// <summary>Attempts of one part before the upload gives up.</summary>
        public int MaxAttemptsPerPart { get; set; } = 6;

        /// <summary>Time limit of one part's PUT.</summary>
        public TimeSpan PartTimeout { get; set; } = TimeSpan.FromMinutes(10);

        /// <summary>First wait before a part is tried again; it doubles up to 8 s.</summary>
        public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(250);

        /// <summary>The ETags a journal record holds, by part number.</summary>
        public static Dictionary<int, string> PartsOf(UploadRecord record)
        {
            var parts = new Dictionary<int, string>();
            foreach (var pair in record?.Values ?? new Dictionary<string, string>())
            {
                if (pair.Key.StartsWith(PartPrefix, StringComparison.Ordinal)
                    && int.TryParse(pair.Key.Substring(PartPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                    && !string.IsNullOrEmpty(pair.Value))
                {
                    parts[number] = pair.Value;
                }
            }
            return parts;
        }

        /// <summary>The part count S3's rule gives: every part but the last is <paramref name="partSize"/> bytes.</summary>
        public static int PartCount(long length, long partSize) => (int)Math.Max(1, (length + partSize - 1) / partSize);

        /// <summary>
        /// Sends every part of <paramref name="source"/> not in <paramref name="done"/> and returns all parts in order.
        /// </summary>
        /// <param name="source">The bytes; part n is <c>[(n-1)·partSize, min(n·partSize, Length))</c>.</param>
        /// <param name="partSize">Bytes of every part but the last.</param>
        /// <param name="partCount">Parts the service expects.</param>
        /// <param name="partUrl">Gives a fresh pre-signed URL for a part number; called before every attempt.</param>
        /// <param name="done">ETags of parts already uploaded (from the journal); they are not sent again.</param>
        /// <param name="journal">Where each new ETag is saved at once; null for none.</param>
        /// <param name="journalKey">The upload's journal key.</param>
        /// <param name="activity">The progress activity, e.g. "Uploading lobby.mp4".</param>
        public async Task<IReadOnlyList<UploadedPart>> UploadAsync(IUploadSource source, long partSize, int partCount,
            Func<int, CancellationToken, Task<Uri>> partUrl, IReadOnlyDictionary<int, string> done, UploadJournal journal, string journalKey,
            string activity, CancellationToken cancellationToken)
        {
            if (partSize < 1 || partCount != PartCount(source.Length, partSize))
            {
                throw new AnimationToolsException(_http.Service + ".InvalidResponse", ErrorCategory.InvalidResult,
                    $"{_http.Service} asked for {partCount} parts of {partSize} bytes, which does not fit the {source.Length} bytes of '{source.Name}'.");
            }
            var etags = new string[partCount + 1];
            long alreadySent = 0;
            foreach (var part in done ?? new Dictionary<int, string>())
            {
                if (part.Key >= 1 && part.Key <= partCount)
                {
                    etags[part.Key] = part.Value;
                    alreadySent += SizeOf(part.Key, partSize, source.Length);
                }
            }
            var pending = Enumerable.Range(1, partCount).Where(n => etags[n] == null).ToArray();
            var progress = new TransferProgress(activity, source.Length);
            progress.Set(alreadySent);
            if (pending.Length < partCount)
            {
                OperationStreams.Current.Verbose($"{_http.Service}: '{source.Name}': {partCount - pending.Length} of {partCount} parts were uploaded before; sending the other {pending.Length}");
            }

            var next = -1;
            Exception failure = null;
            using (var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                async Task Work()
                {
                    while (!stop.IsCancellationRequested)
                    {
                        var index = Interlocked.Increment(ref next);
                        if (index >= pending.Length)
                        {
                            return;
                        }
                        var number = pending[index];
                        try
                        {
                            var etag = await UploadPartAsync(source, number, partSize, partUrl, progress, stop.Token).ConfigureAwait(false);
                            etags[number] = etag;
                            journal?.Append(journalKey, PartPrefix + number.ToString(CultureInfo.InvariantCulture), etag);
                        }
                        catch (Exception ex)
                        {
                            // The first real failure ends the upload; the others' cancellations follow from it.
                            if (!(ex is OperationCanceledException && stop.IsCancellationRequested))
                            {
                                Interlocked.CompareExchange(ref failure, ex, null);
                            }
                            stop.Cancel();
                            return;
                        }
                    }
                }

                var workers = Enumerable.Range(0, Math.Max(1, Math.Min(ThrottleLimit, pending.Length))).Select(_ => Task.Run(Work)).ToArray();
                await Task.WhenAll(workers).ConfigureAwait(false);
            }
            cancellationToken.ThrowIfCancellationRequested();
            if (failure != null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
            }
            progress.Set(source.Length);
            progress.Complete();
            return Enumerable.Range(1, partCount).Select(n => new UploadedPart(n, etags[n])).ToList();
        }

        static long SizeOf(int number, long partSize, long length) => Math.Min(partSize, length - (number - 1) * partSize);

        async Task<string> UploadPartAsync(IUploadSource source, int number, long partSize, Func<int, CancellationToken, Task<Uri>> partUrl,
            TransferProgress progress, CancellationToken cancellationToken)
        {
            var offset = (number - 1) * partSize;
            var length = SizeOf(number, partSize, source.Length);
            for (var attempt = 1; ; attempt++)
            {
                var content = new SourceRangeContent(source, offset, length, progress.Add);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
                try
                {
                    var url = await partUrl(number, cancellationToken).ConfigureAwait(false);
                    using (var response = await _http.Request(url.AbsoluteUri).WithoutAuthentication().WithoutRetry().WithAttemptTimeout(PartTimeout)
                        .PutAsync(content, cancellationToken: cancellationToken).ConfigureAwait(false))
                    {
                        var etag = response.ResponseMessage.Headers.ETag?.ToString();
                        if (string.IsNullOrEmpty(etag) && response.ResponseMessage.Headers.TryGetValues("ETag", out var raw))
                        {
                            etag = raw.FirstOrDefault();
                        }
                        if (string.IsNullOrEmpty(etag))
                        {
                            throw new AnimationToolsException(_http.Service + ".InvalidResponse", ErrorCategory.InvalidResult,
                                $"The storage service stored part {number} of '{source.Name}' but answered no ETag.");
                        }
                        return etag;
                    }
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested && IsWorthAnotherTry(ex))
                {
                    progress.Add(-content.BytesSent);
                    var reason = _http.Redact(ex.Message);
                    if (attempt >= MaxAttemptsPerPart)
                    {
                        throw new AnimationToolsException(_http.Service + ".UploadFailed", ErrorCategory.ConnectionError,
                            $"Part {number} of '{source.Name}' failed {attempt} times: {reason}", ex, source.Name)
                        {
                            RecommendedAction = "Run the same command again: the parts already uploaded are kept and not sent again.",
                        };
                    }
                    var delay = TimeSpan.FromMilliseconds(Math.Min(8000, RetryDelay.TotalMilliseconds * Math.Pow(2, attempt - 1)));
                    OperationStreams.Current.Verbose($"{_http.Service}: part {number} of '{source.Name}' failed ({reason}); trying it again with a fresh URL in {delay.TotalSeconds:0.##} s");
                    await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        /// <summary>
        /// A broken connection, a timeout, or an answer that may go away: 403 (an expired or refused URL: a fresh one is
        /// asked for), 408, 429 and 5xx. Other refusals (400 wrong length, 404 no such upload) are final.
        /// </summary>
        static bool IsWorthAnotherTry(Exception ex)
        {
            if (ex is AnimationToolsException mapped)
            {
                var status = mapped.StatusCode ?? 0;
                return mapped.IsTransportFailure || status == 403 || status == 408 || status == 429 || status >= 500;
            }
            return ex is System.IO.IOException || ex is System.Net.Http.HttpRequestException || ex is TimeoutException;
        }
    }
}
