using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AnimationTools.Core.Http;
using AnimationTools.Core.Transfer;
using Flurl.Http;

namespace AnimationTools.Teleport.Metadata
{
    /// <summary>The share resource (§4.7): a READY capture's metadata by its share id, and its model files.</summary>
    sealed class CaptureMetadataClient
    {
        /// <summary>Content profiles the documentation and public clients name; others are passed through.</summary>
        public static readonly string[] KnownProfiles =
        {
            "ply", "sogs-sh0", "fragment-chunk1", "fragment-float16", "ksplat-v2-compress0", "ksplat-v2-compress1", "ksplat-v2-compress2",
        };

        readonly TeleportSession _session;

        public CaptureMetadataClient(TeleportSession session)
        {
            _session = session;
        }

        HttpPipeline Http => _session.Http;

        /// <summary>GET /share/{sid}/metadata with the profiles as a repeated parameter (<c>?profiles=ply&amp;profiles=sogs-sh0</c>).</summary>
        public Task<CaptureMetadataDto> GetAsync(string sid, IReadOnlyCollection<string> profiles, string quality, bool? lod, CancellationToken cancellationToken) =>
            Http.Request("share").AppendPathSegment(sid, fullyEncode: true).AppendPathSegment("metadata")
                .SetQueryParam("quality", quality)
                .SetQueryParam("profiles", profiles != null && profiles.Count > 0 ? profiles : null)
                .SetQueryParam("lod", lod.HasValue ? (lod.Value ? "true" : "false") : null)
                .GetJsonAsync<CaptureMetadataDto>(cancellationToken: cancellationToken);

        /// <summary>
        /// The share id to ask for: <paramref name="sid"/> when given, else the one of capture <paramref name="eid"/>
        /// (looked up in the list), which exists once its upload is complete.
        /// </summary>
        public async Task<string> ShareIdAsync(string sid, string eid, CancellationToken cancellationToken)
        {
            if (!string.IsNullOrEmpty(sid))
            {
                return sid;
            }
            var found = await _session.Captures.FindAsync(new[] { eid }, cancellationToken).ConfigureAwait(false);
            if (!found.TryGetValue(eid, out var capture))
            {
                throw TeleportErrors.NotFound(eid);
            }
            if (string.IsNullOrEmpty(capture.Sid))
            {
                throw TeleportErrors.NoShareId(eid, capture.State);
            }
            return capture.Sid;
        }

        /// <summary>The metadata, with a 404 (an unknown share id, or a capture not READY yet) said as such.</summary>
        public async Task<TeleportCaptureMetadata> GetMetadataAsync(string sid, string eid, string[] profiles, string quality, bool lod, CancellationToken cancellationToken)
        {
            var shareId = await ShareIdAsync(sid, eid, cancellationToken).ConfigureAwait(false);
            try
            {
                var dto = await GetAsync(shareId, profiles, quality, lod, cancellationToken).ConfigureAwait(false);
                return TeleportModels.ToMetadata(dto, profiles, quality, lod);
            }
            catch (Core.Errors.AnimationToolsException ex) when (ex.StatusCode == 404)
            {
                throw new Core.Errors.AnimationToolsException(TeleportErrors.NotReady, System.Management.Automation.ErrorCategory.ResourceUnavailable,
                    $"There is no metadata for share id {shareId}: the capture is not READY yet, or the share id is unknown.", ex, shareId)
                {
                    StatusCode = 404,
                    RecommendedAction = "Wait for the capture's job (Wait-Job), or check the id with Get-TeleportCapture.",
                };
            }
        }

        /// <summary>
        /// A model file, streamed to disk through the shared downloader: resumable, with progress, under its final name
        /// only once complete. Model URLs are CDN URLs: sent without the session's token.
        /// </summary>
        public Task<System.IO.FileInfo> DownloadAsync(string url, string destination, CancellationToken cancellationToken) =>
            new FileDownload(Http) { Authenticate = false }.DownloadAsync(url, destination, cancellationToken);
    }
}
