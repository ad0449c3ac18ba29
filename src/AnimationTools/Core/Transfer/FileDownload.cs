using System;
using System.IO;
using System.Management.Automation;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
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
    /// Downloads a URL into a file: streamed to <c>name.partial</c>, resumed with a Range request after a broken
    /// connection, and renamed to its final name only once complete.
    /// </summary>
    public sealed class FileDownload
    {
        public const string PartialSuffix = ".partial";
        const int MaxAttemptsWithoutProgress = 5;

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
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(destination)));
            TransferProgress progress = null;
            var failuresWithoutProgress = 0;
            while (true)
            {
                var before = File.Exists(partial) ? new FileInfo(partial).Length : 0;
                try
                {
                    var total = await DownloadRestAsync(url, partial, before, p => progress = progress ?? p(Path.GetFileName(destination)), cancellationToken).ConfigureAwait(false);
                    if (total == NoContent)
                    {
                        return null;
                    }
                    var length = new FileInfo(partial).Length;
                    if (total >= 0 && length != total)
                    {
                        throw new IOException($"the download ended at {length} of {total} bytes");
                    }
                    break;
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested && IsInterruption(ex))
                {
                    var now = File.Exists(partial) ? new FileInfo(partial).Length : 0;
                    failuresWithoutProgress = now > before ? 0 : failuresWithoutProgress + 1;
                    if (failuresWithoutProgress >= MaxAttemptsWithoutProgress)
                    {
                        throw new AnimationToolsException(_http.Service + ".DownloadFailed", ErrorCategory.ConnectionError,
                            $"The download of '{Path.GetFileName(destination)}' failed at byte {now}: {Redactor.Redact(ex.Message)}. Run the command again to resume.", ex, destination);
                    }
                    OperationStreams.Current.Verbose($"{_http.Service}: download of '{Path.GetFileName(destination)}' interrupted at byte {now}; resuming");
                    await Task.Delay(TimeSpan.FromMilliseconds(250 * Math.Pow(2, failuresWithoutProgress)), cancellationToken).ConfigureAwait(false);
                }
            }

            if (File.Exists(destination))
            {
                File.Delete(destination);
            }
            File.Move(partial, destination);
            progress?.Complete();
            return new FileInfo(destination);
        }

        static bool IsInterruption(Exception ex)
        {
            return ex is IOException || ex is HttpRequestException || (ex is AnimationToolsException mapped && mapped.IsTransportFailure);
        }

        const long NoContent = -2;

        /// <summary>Appends the rest of the file to <paramref name="partial"/>; returns the total size, -1 when unknown, NoContent for a 204 that means none.</summary>
        async Task<long> DownloadRestAsync(Url url, string partial, long have, Func<Func<string, TransferProgress>, TransferProgress> progressFactory, CancellationToken cancellationToken)
        {
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
                request.WithHeader("Range", new RangeHeaderValue(have, null));
            }
            using (var answer = await request.GetAsync(HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false))
            {
                var response = answer.ResponseMessage;
                if (response.StatusCode == HttpStatusCode.NoContent && NoContentMeansNone)
                {
                    return NoContent;
                }
                if (response.StatusCode == (HttpStatusCode)416)
                {
                    // Nothing more to send: what we have is the whole file.
                    return response.Content.Headers.ContentRange?.Length ?? have;
                }
                var resumed = response.StatusCode == HttpStatusCode.PartialContent;
                var total = resumed
                    ? response.Content.Headers.ContentRange?.Length ?? -1
                    : response.Content.Headers.ContentLength ?? -1;
                var progress = progressFactory(name => new TransferProgress("Downloading " + name, total));
                var start = resumed ? have : 0;
                progress.Set(start);
                using (var body = await response.Content.ReadAsStreamAsync().ConfigureAwait(false))
                using (var file = new FileStream(partial, resumed ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.None, 81920, true))
                {
                    var buffer = new byte[81920];
                    int read;
                    while ((read = await body.ReadAsync(buffer, 0, buffer.Length, cancellationToken).ConfigureAwait(false)) > 0)
                    {
                        await file.WriteAsync(buffer, 0, read, cancellationToken).ConfigureAwait(false);
                        progress.Add(read);
                    }
                }
                return total;
            }
        }
    }
}
