using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AnimationTools.Core.Http;
using AnimationTools.Core.Transfer;
using Flurl.Http;

namespace AnimationTools.Teleport.Captures
{
    /// <summary>The captures resource of the Teleport API (§4.1-4.6), one method per call.</summary>
    sealed class CaptureClient
    {
        /// <summary>Page size of walks that look for captures (the API's default is 25; it accepts more).</summary>
        public const int WalkPageSize = 100;

        readonly TeleportSession _session;

        public CaptureClient(TeleportSession session)
        {
            _session = session;
        }

        HttpPipeline Http => _session.Http;

        IFlurlRequest Captures() => Http.Request("api", "v1", "captures");

        IFlurlRequest Capture(string eid) => Captures().AppendPathSegment(eid, fullyEncode: true);

        /// <summary>The captures, newest first, <paramref name="pageSize"/> a page; repeats (from captures created meanwhile) are dropped.</summary>
        public OffsetPager<CaptureDto> List(int pageSize = WalkPageSize) => new OffsetPager<CaptureDto>(Http, Captures, pageSize, c => c.Eid);

        /// <summary>
        /// The captures with these eids, found by walking the list (there is no get-by-id, §6.3) and stopping as soon as
        /// all are found. Those not in the list are not in the answer.
        /// </summary>
        public async Task<Dictionary<string, CaptureDto>> FindAsync(IReadOnlyCollection<string> eids, CancellationToken cancellationToken)
        {
            var wanted = new HashSet<string>(eids, StringComparer.Ordinal);
            var found = new Dictionary<string, CaptureDto>(StringComparer.Ordinal);
            var pager = List();
            while (pager.HasMore && found.Count < wanted.Count)
            {
                foreach (var capture in await pager.NextPageAsync(cancellationToken).ConfigureAwait(false))
                {
                    if (capture.Eid != null && wanted.Contains(capture.Eid))
                    {
                        found[capture.Eid] = capture;
                    }
                }
            }
            return found;
        }

        /// <summary>The poller's fetch: one walk for every tracked capture; one missing from the whole list was deleted.</summary>
        public async Task<IReadOnlyDictionary<string, CaptureDto>> GetStatusesAsync(IReadOnlyList<string> eids, CancellationToken cancellationToken)
        {
            var found = await FindAsync(eids, cancellationToken).ConfigureAwait(false);
            foreach (var eid in eids.Where(e => !found.ContainsKey(e)))
            {
                found[eid] = new CaptureDto { Eid = eid, Missing = true };
            }
            return found;
        }

        /// <summary>
        /// POST /api/v1/captures. After a lost answer the newest captures are searched for a CREATED one of this name made
        /// since the request; only when there is none is it sent again. An adopted capture's part size is not known
        /// (the list does not show it): ChunkSize is 0 then.
        /// </summary>
        public Task<NewCaptureOutput> CreateAsync(NewCaptureInput input, CancellationToken cancellationToken) =>
            ReconciledStart.SendAsync(new PaidStart<NewCaptureOutput>
            {
                Service = TeleportSession.ServiceName,
                What = "the new capture",
                Retry = _session.Retry,
                MatchKey = _session.Endpoint.AbsoluteUri + "\n" + _session.ClientId,
                Send = token => Captures().NotIdempotent().PostJsonAsync(input, cancellationToken: token).ReceiveJson<NewCaptureOutput>(),
                IdOf = created => created.Eid,
                FindMatches = async (since, token) =>
                {
                    var newest = await List(WalkPageSize).NextPageAsync(token).ConfigureAwait(false);
                    return newest
                        .Where(c => c.State == "CREATED" && c.Name == input.Name && (TeleportModels.Time(c.Created)?.ToUniversalTime() ?? DateTime.MinValue) >= since.UtcDateTime)
                        .Select(c => new NewCaptureOutput { Eid = c.Eid })
                        .ToList();
                },
                LookupHint = "Get-TeleportCapture -State CREATED",
            }, cancellationToken);

        /// <summary>POST …/create-upload-url/{n} with the total size: a fresh pre-signed URL for part n (from 1).</summary>
        public Task<UploadUrlOutput> PartUrlAsync(string eid, int part, long totalBytes, CancellationToken cancellationToken) =>
            Capture(eid).AppendPathSegments("create-upload-url", part)
                .PostJsonAsync(new UploadUrlInput { Eid = eid, Bytesize = totalBytes }, cancellationToken: cancellationToken).ReceiveJson<UploadUrlOutput>();

        /// <summary>
        /// POST …/uploaded with every part's ETag in order: processing starts. It is not sent twice blindly either: after a
        /// lost answer the capture is looked up, and one that left CREATED/UPLOADING was completed.
        /// </summary>
        public Task<CaptureDto> CompleteAsync(string eid, IEnumerable<UploadedPart> parts, CancellationToken cancellationToken)
        {
            var body = new CaptureUploadedInput { Eid = eid, Parts = parts.Select(p => new UploadedPartDto { Number = p.Number, ETag = p.ETag }).ToList() };
            return ReconciledStart.SendAsync(new PaidStart<CaptureDto>
            {
                Service = TeleportSession.ServiceName,
                What = "the completion of capture " + eid,
                Retry = _session.Retry,
                MatchKey = "uploaded\n" + eid,
                Send = token => Capture(eid).AppendPathSegment("uploaded").NotIdempotent()
                    .PostJsonAsync(body, cancellationToken: token).ReceiveJson<CaptureDto>(),
                IdOf = capture => "uploaded\n" + capture.Eid,
                FindMatches = async (since, token) =>
                {
                    var found = await FindAsync(new[] { eid }, token).ConfigureAwait(false);
                    return found.TryGetValue(eid, out var capture) && capture.State != "CREATED" && capture.State != "UPLOADING"
                        ? new[] { capture }
                        : new CaptureDto[0];
                },
                LookupHint = "Get-TeleportCapture -Eid " + eid,
            }, cancellationToken);
        }

        public Task<CaptureDto> RenameAsync(string eid, string name, CancellationToken cancellationToken) =>
            Capture(eid).PutJsonAsync(new EditCaptureInput { Name = name }, cancellationToken: cancellationToken).ReceiveJson<CaptureDto>();

        public async Task DeleteAsync(string eid, CancellationToken cancellationToken)
        {
            using (await Capture(eid).DeleteAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
            {
            }
        }
    }
}
