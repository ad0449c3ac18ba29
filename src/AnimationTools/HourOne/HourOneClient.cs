using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using AnimationTools.Core.Errors;
using AnimationTools.Core.Http;
using AnimationTools.Core.Transfer;
using Flurl.Http;

namespace AnimationTools.HourOne
{
    /// <summary>What New-HourOneVideo asks for (the fields of POST /videos, contract §4.2 and §7.1).</summary>
    sealed class VideoRequest
    {
        public string SourceDraftId { get; set; }
        public string RecipeId { get; set; }
        public string Name { get; set; }
        public string FolderId { get; set; }
        public string PaletteId { get; set; }
        public string CharacterId { get; set; }
        public string VoiceId { get; set; }

        /// <summary>Override scenes (the newer <c>override</c> form); null for the older form without <c>type</c>.</summary>
        public JsonArray Scenes { get; set; }

        public JsonObject Metadata { get; set; }

        /// <summary>Unique per create: how the video is found again after a lost answer.</summary>
        public string CorrelationId { get; set; } = "animationtools-" + Guid.NewGuid().ToString("N");

        public JsonObject ToBody()
        {
            var body = new JsonObject();
            if (Scenes != null)
            {
                body["type"] = "override";
                body["scenes"] = JsonNode.Parse(Scenes.ToJsonString());
            }
            void Add(string name, string value)
            {
                if (value != null)
                {
                    body[name] = value;
                }
            }
            Add("name", Name);
            Add("source_draft_id", SourceDraftId);
            Add("recipe_id", RecipeId);
            Add("folder_id", FolderId);
            Add("palette_id", PaletteId);
            Add("character_id", CharacterId);
            Add("voice_id", VoiceId);
            if (Metadata != null)
            {
                body["metadata"] = JsonNode.Parse(Metadata.ToJsonString());
            }
            body["correlation_id"] = CorrelationId;
            return body;
        }
    }

    /// <summary>The Hour One videos API (contract: specs/hourone-videos.md), one method per call.</summary>
    sealed class HourOneClient
    {
        readonly HourOneSession _session;

        public HourOneClient(HourOneSession session)
        {
            _session = session;
        }

        HttpPipeline Http => _session.Http;

        IFlurlRequest Video(string id, params string[] more)
        {
            var request = Http.Request("videos").AppendPathSegment(id, fullyEncode: true);
            foreach (var segment in more)
            {
                request.AppendPathSegment(segment);
            }
            return request;
        }

        /// <summary>Checks the key without listing anything: an id that cannot exist answers 404 to a valid key, 401 otherwise.</summary>
        public async Task CheckKeyAsync(CancellationToken cancellationToken)
        {
            using (await Video("animationtools-connect-check").AcceptStatus(404).GetAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
            {
            }
        }

        public Task<List<VideoDto>> ListVideosAsync(CancellationToken cancellationToken) =>
            Http.Request("videos").GetJsonAsync<List<VideoDto>>(cancellationToken: cancellationToken);

        public Task<VideoDto> GetVideoAsync(string id, CancellationToken cancellationToken) =>
            Video(id).GetJsonAsync<VideoDto>(cancellationToken: cancellationToken);

        public Task<VideoMetadataDto> GetMetadataAsync(string id, CancellationToken cancellationToken) =>
            Video(id, "metadata").GetJsonAsync<VideoMetadataDto>(cancellationToken: cancellationToken);

        public async Task DeleteVideoAsync(string id, CancellationToken cancellationToken)
        {
            using (await Video(id).DeleteAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
            {
            }
        }

        public Task<SubtitleDto> CreateSubtitleAsync(string id, string language, string format, CancellationToken cancellationToken) =>
            Video(id, "subtitles").PostJsonAsync(new JsonObject { ["language_code"] = language, ["format"] = format }, cancellationToken: cancellationToken)
                .ReceiveJson<SubtitleDto>();

        /// <summary>
        /// POST /videos, which spends credits. It is never sent twice blindly: every create carries a unique
        /// correlation_id, and after an answer that got lost the list is searched for exactly that id.
        /// </summary>
        public Task<VideoDto> CreateVideoAsync(VideoRequest video, CancellationToken cancellationToken)
        {
            var body = video.ToBody();
            return ReconciledStart.SendAsync(new PaidStart<VideoDto>
            {
                Service = HourOneSession.ServiceName,
                What = "the new video",
                Retry = _session.Retry,
                MatchKey = _session.Endpoint.AbsoluteUri,
                LookupHint = "Get-HourOneVideo",
                IdOf = created => created.Id,
                Send = async token =>
                {
                    var request = Http.Request("videos").NotIdempotent();
                    if (_session.WorkspaceId != null)
                    {
                        request.WithHeader("workspace-id", _session.WorkspaceId);
                    }
                    if (_session.TeamId != null)
                    {
                        request.WithHeader("team-id", _session.TeamId);
                    }
                    var created = await request.PostJsonAsync(body, cancellationToken: token).ReceiveJson<VideoDto>().ConfigureAwait(false);
                    if (string.IsNullOrEmpty(created.Id))
                    {
                        throw new AnimationToolsException("HourOne.InvalidResponse", ErrorCategory.InvalidResult, "Hour One created a video but returned no id.");
                    }
                    return created;
                },
                FindMatches = async (since, token) => (await ListVideosAsync(token).ConfigureAwait(false))
                    .Where(v => string.Equals(v.CorrelationId, video.CorrelationId, StringComparison.Ordinal))
                    .ToList(),
            }, cancellationToken);
        }

        /// <summary>The poller's fetch: one GET per video (the API has no batch status); a 404 marks it missing.</summary>
        public async Task<IReadOnlyDictionary<string, VideoDto>> GetVideoStatusesAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken)
        {
            var statuses = new Dictionary<string, VideoDto>();
            foreach (var id in ids)
            {
                using (var response = await Video(id).AcceptStatus(404).GetAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
                {
                    statuses[id] = response.StatusCode == 404
                        ? new VideoDto { Id = id, Missing = true }
                        : await response.GetJsonAsync<VideoDto>().ConfigureAwait(false);
                }
            }
            return statuses;
        }

        /// <summary>Downloads the rendered mp4 into the folder as &lt;id&gt;.mp4 (the download URL is a CDN's: the key is not sent).</summary>
        public async Task<FileInfo> DownloadVideoAsync(VideoDto video, string folder, CancellationToken cancellationToken)
        {
            if (string.IsNullOrEmpty(video.DownloadUrl))
            {
                throw new AnimationToolsException("HourOne.VideoNotReady", ErrorCategory.InvalidOperation,
                    $"Video {video.Id} has no file to download (status {video.Status}).", null, video.Id)
                {
                    RecommendedAction = "Wait until the video is ready, then run Save-HourOneVideo.",
                };
            }
            return await new FileDownload(Http).DownloadAsync(video.DownloadUrl, Path.Combine(folder, SafeName(video.Id) + ".mp4"), cancellationToken).ConfigureAwait(false);
        }

        public Task<FileInfo> DownloadSubtitleAsync(string videoId, SubtitleDto subtitle, string folder, CancellationToken cancellationToken) =>
            new FileDownload(Http).DownloadAsync(subtitle.Url, Path.Combine(folder, $"{SafeName(videoId)}.{subtitle.LanguageCode}.{subtitle.Format}"), cancellationToken);

        static string SafeName(string id) => new string(id.Select(c => Path.GetInvalidFileNameChars().Contains(c) ? '_' : c).ToArray());
    }
}
