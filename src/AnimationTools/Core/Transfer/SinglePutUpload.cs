using System;
using System.IO;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using AnimationTools.Core.Http;
using Flurl.Http;

namespace AnimationTools.Core.Transfer
{
    /// <summary>Uploads a whole file in one PUT to a signed URL, streamed from disk with progress (retried whole by the pipeline).</summary>
    public sealed class SinglePutUpload
    {
        readonly HttpPipeline _http;

        public SinglePutUpload(HttpPipeline http)
        {
            _http = http;
        }

        public async Task UploadAsync(Uri signedUrl, string path, string activity, CancellationToken cancellationToken)
        {
            var progress = new TransferProgress(activity, new FileInfo(path).Length);
            var body = FileRangeContent.Whole(path, progress);
            body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            using (await _http.Request(signedUrl.AbsoluteUri).WithoutAuthentication().WithAttemptTimeout(TimeSpan.FromHours(1))
                .PutAsync(body, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
            }
            progress.Complete();
        }
    }
}
