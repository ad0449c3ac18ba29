using System;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using AnimationTools.Core.Http;

namespace AnimationTools.Core.Transfer
{
    /// <summary>Uploads a whole file in one PUT to a signed URL, streamed from disk with progress.</summary>
    public sealed class SinglePutUpload
    {
        readonly HttpPipeline _http;

        public SinglePutUpload(HttpPipeline http)
        {
            _http = http;
        }

        public async Task UploadAsync(Uri signedUrl, string path, string activity, CancellationToken cancellationToken)
        {
            var total = new FileInfo(path).Length;
            var progress = new TransferProgress(activity, total);
            var request = new ApiRequest(HttpMethod.Put, signedUrl.AbsoluteUri)
            {
                Authenticate = false,
                Timeout = TimeSpan.FromHours(1),
                Content = () =>
                {
                    progress.Set(0);
                    var content = new StreamContent(new FileSliceStream(path, 0, total, progress.Add), 81920);
                    content.Headers.ContentLength = total;
                    content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
                    return content;
                },
            };
            using (await _http.SendAsync(request, cancellationToken).ConfigureAwait(false))
            {
            }
            progress.Complete();
        }
    }
}
