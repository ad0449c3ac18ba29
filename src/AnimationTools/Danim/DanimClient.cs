using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using AnimationTools.Core.Cmdlets;
using AnimationTools.Core.Errors;
using AnimationTools.Core.Http;
using AnimationTools.Core.Transfer;
using Flurl.Http;

namespace AnimationTools.Danim
{
    /// <summary>What New-DanimVideo asks Danim to create (the fields of /write/video/create, contract §7.2).</summary>
    sealed class VideoRequest
    {
        public string TemplateId { get; set; }
        public JsonObject TemplateData { get; set; }
        public string Name { get; set; }
        public string Description { get; set; }
        public string WorkspaceId { get; set; }
        public string CallbackUrl { get; set; }
        public bool Draft { get; set; }

        /// <summary>The name the service gives when none is sent: the template's.</summary>
        public string ExpectedName { get; set; }
    }

    /// <summary>The Danim API (contract: specs/danim.md): writes through the envelope, reads through GraphQL at /read.</summary>
    sealed class DanimClient
    {
        /// <summary>How long a preloaded file id stays valid (§7.1).</summary>
        public static readonly TimeSpan FileLifetime = TimeSpan.FromHours(24);

        readonly DanimSession _session;

        public DanimClient(DanimSession session)
        {
            _session = session;
        }

        HttpPipeline Http => _session.Http;

        // ---- writes ----

        /// <summary>Sends a write and returns the envelope's <c>data</c> (an empty array for commands without output); warnings go to the warning stream.</summary>
        async Task<JsonElement> WriteAsync(IFlurlRequest request, HttpContent body, CancellationToken cancellationToken)
        {
            var text = await request.PostAsync(body, cancellationToken: cancellationToken).ReceiveString().ConfigureAwait(false);
            return Unwrap(text, "POST " + request.Url.Path);
        }

        static JsonElement Unwrap(string text, string what)
        {
            JsonElement root;
            try
            {
                using (var document = JsonDocument.Parse(text))
                {
                    root = document.RootElement.Clone();
                }
            }
            catch (JsonException ex)
            {
                throw new AnimationToolsException(DanimErrorIds.InvalidResponse, ErrorCategory.InvalidResult, $"Danim sent an unreadable answer to {what}: {ex.Message}", ex);
            }
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("success", out var success) || success.ValueKind != JsonValueKind.True)
            {
                // The classifier catches failure envelopes; anything else without success:true is no success either.
                throw DanimEnvelope.TryReadFailure(text, out var type, out var message)
                    ? DanimEnvelope.Error(type, message)
                    : new AnimationToolsException(DanimErrorIds.InvalidResponse, ErrorCategory.InvalidResult, $"Danim answered {what} without success:true.");
            }
            if (root.TryGetProperty("meta", out var meta) && meta.ValueKind == JsonValueKind.Object && meta.TryGetProperty("warnings", out var warnings) && warnings.ValueKind == JsonValueKind.Array)
            {
                foreach (var warning in warnings.EnumerateArray())
                {
                    OperationStreams.Current.Warning("Danim: " + Redactor.Redact(warning.ToString()));
                }
            }
            return root.TryGetProperty("data", out var data) ? data : default;
        }

        static HttpContent JsonBody(JsonObject body) => new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");

        public async Task<DanimFile> UploadAsync(string path, CancellationToken cancellationToken)
        {
            var progress = new TransferProgress("Uploading " + Path.GetFileName(path), new FileInfo(path).Length);
            var form = new MultipartForm().AddFile("file", path, DanimFiles.MediaType(path), progress);
            var data = await WriteAsync(Http.Request("upload", "me").WithAttemptTimeout(TimeSpan.FromMinutes(10)), form.Build(), cancellationToken).ConfigureAwait(false);
            progress.Complete();
            return DanimModels.ToFile(data.GetProperty("file"), FileLifetime);
        }

        /// <summary>
        /// /write/video/create, which may spend a credit: never sent twice blindly. After a lost answer the newest videos
        /// are searched for one this call created (same template, name and description, created since it was sent).
        /// </summary>
        public Task<VideoDto> CreateVideoAsync(VideoRequest video, CancellationToken cancellationToken)
        {
            var body = new JsonObject
            {
                ["template_id"] = video.TemplateId,
                ["template_data"] = video.TemplateData.DeepClone(),
            };
            if (video.Name != null) body["name"] = video.Name;
            if (video.Description != null) body["description"] = video.Description;
            if (video.WorkspaceId != null) body["workspace_id"] = video.WorkspaceId;
            if (video.CallbackUrl != null) body["callback_url"] = video.CallbackUrl;
            body["state"] = video.Draft ? "DRAFT" : "PENDING_IN_APP";
            return ReconciledStart.SendAsync(new PaidStart<VideoDto>
            {
                Service = DanimSession.ServiceName,
                What = "the new video",
                Retry = _session.Retry,
                MatchKey = _session.Endpoint.AbsoluteUri + "|" + _session.ClientId,
                LookupHint = "Get-DanimVideo -First 10",
                IdOf = created => created.Id,
                Send = async token =>
                {
                    var data = await WriteAsync(Http.Request("write", "video", "create").NotIdempotent(), JsonBody(body), token).ConfigureAwait(false);
                    var id = DanimModels.Text(data, "id");
                    if (string.IsNullOrEmpty(id))
                    {
                        throw new AnimationToolsException(DanimErrorIds.InvalidResponse, ErrorCategory.InvalidResult, "Danim created a video but returned no id.");
                    }
                    return new VideoDto { Id = id, ShortId = DanimModels.Text(data, "short_id"), Name = DanimModels.Text(data, "name") };
                },
                FindMatches = (since, token) => FindVideosLikeAsync(video, since, token),
            }, cancellationToken);
        }

        async Task<IReadOnlyList<VideoDto>> FindVideosLikeAsync(VideoRequest video, DateTimeOffset since, CancellationToken cancellationToken)
        {
            // Newest first: the first page holds anything created in the last seconds.
            var page = await ListVideos(null, 50).NextPageAsync(cancellationToken).ConfigureAwait(false);
            return page
                .Where(v => DateTimeOffset.TryParse(v.CreatedAt, out var created) && created >= since)
                .Where(v => v.TemplateId == null || v.TemplateId == video.TemplateId)
                .Where(v => string.Equals(v.Name ?? "", video.Name ?? video.ExpectedName ?? "", StringComparison.Ordinal))
                .Where(v => string.Equals(v.Description ?? "", video.Description ?? "", StringComparison.Ordinal))
                .Where(v => v.State == (video.Draft ? "DRAFT" : v.State) && (video.Draft || v.State != "DRAFT"))
                .ToList();
        }

        /// <summary>/write/video/generate: a draft is queued for generation (spends a credit; the service refuses non-drafts).</summary>
        public Task GenerateAsync(string videoId, CancellationToken cancellationToken) =>
            WriteAsync(Http.Request("write", "video", "generate").NotIdempotent(), JsonBody(new JsonObject { ["video_id"] = videoId }), cancellationToken);

        public Task ChangeAsync(string videoId, string name, string description, CancellationToken cancellationToken)
        {
            var patch = new JsonObject();
            if (name != null) patch["name"] = name;
            if (description != null) patch["description"] = description;
            return WriteAsync(Http.Request("write", "video", "change"), JsonBody(new JsonObject { ["video_id"] = videoId, ["patch"] = patch }), cancellationToken);
        }

        public Task RemoveAsync(string videoId, CancellationToken cancellationToken) =>
            WriteAsync(Http.Request("write", "video", "remove"), JsonBody(new JsonObject { ["video_id"] = videoId }), cancellationToken);

        /// <summary>/write/workspace/create; a logo file on disk goes as a multipart binary, any other logo value as text.</summary>
        public async Task<DanimWorkspace> CreateWorkspaceAsync(string name, string description, string logoPath, string logoValue, CancellationToken cancellationToken)
        {
            HttpContent body;
            if (logoPath != null)
            {
                body = new MultipartForm().Add("name", name).AddIfPresent("description", description)
                    .AddFile("logo", logoPath, DanimFiles.MediaType(logoPath)).Build();
            }
            else
            {
                var json = new JsonObject { ["name"] = name };
                if (description != null) json["description"] = description;
                if (logoValue != null) json["logo"] = logoValue;
                body = JsonBody(json);
            }
            var data = await WriteAsync(Http.Request("write", "workspace", "create").NotIdempotent(), body, cancellationToken).ConfigureAwait(false);
            var id = DanimModels.Text(data, "id");
            var workspaces = await QueryAsync("query { workspaces { id name description logoUrl createdAt } }", null, cancellationToken).ConfigureAwait(false);
            foreach (var w in workspaces.GetProperty("workspaces").EnumerateArray())
            {
                if (DanimModels.Text(w, "id") == id)
                {
                    return DanimModels.ToWorkspace(w);
                }
            }
            return new DanimWorkspace { Id = id, Name = DanimModels.Text(data, "name") ?? name, Description = description };
        }

        // ---- reads (GraphQL) ----

        /// <summary>A GraphQL request to /read; returns the whole answer (<c>data</c> and <c>errors</c>).</summary>
        public async Task<JsonElement> ReadAsync(string query, object variables, string operationName, CancellationToken cancellationToken)
        {
            var body = new JsonObject { ["query"] = query };
            if (variables != null) body["variables"] = variables as JsonNode ?? JsonNode.Parse(PowerShellJson.Write(variables));
            if (operationName != null) body["operationName"] = operationName;
            var text = await Http.Request("read").PostAsync(JsonBody(body), cancellationToken: cancellationToken).ReceiveString().ConfigureAwait(false);
            try
            {
                using (var document = JsonDocument.Parse(text))
                {
                    return document.RootElement.Clone();
                }
            }
            catch (JsonException ex)
            {
                throw new AnimationToolsException(DanimErrorIds.InvalidResponse, ErrorCategory.InvalidResult, "Danim sent an unreadable GraphQL answer: " + ex.Message, ex);
            }
        }

        /// <summary>The GraphQL errors of an answer as typed errors.</summary>
        public static IEnumerable<AnimationToolsException> Errors(JsonElement answer)
        {
            if (answer.ValueKind != JsonValueKind.Object || !answer.TryGetProperty("errors", out var errors) || errors.ValueKind != JsonValueKind.Array)
            {
                yield break;
            }
            foreach (var error in errors.EnumerateArray())
            {
                var code = error.TryGetProperty("extensions", out var ext) ? DanimModels.Text(ext, "code") : null;
                var id = code != null && (code.EndsWith("NotFound", StringComparison.Ordinal) || code == "BadParameter")
                    ? code
                    : "GraphQL." + (string.IsNullOrEmpty(code) ? "Error" : code);
                yield return new AnimationToolsException(DanimErrorIds.Prefix + id, code == null ? ErrorCategory.InvalidArgument : DanimEnvelope.CategoryOf(code),
                    "Danim GraphQL: " + Redactor.Redact(DanimModels.Text(error, "message") ?? error.GetRawText()));
            }
        }

        /// <summary>A read whose errors are failures: returns <c>data</c>.</summary>
        async Task<JsonElement> QueryAsync(string query, object variables, CancellationToken cancellationToken)
        {
            var answer = await ReadAsync(query, variables, null, cancellationToken).ConfigureAwait(false);
            var first = Errors(answer).FirstOrDefault();
            if (first != null)
            {
                throw first;
            }
            return answer.GetProperty("data");
        }

        public async Task<DanimTemplate> GetTemplateAsync(string id, CancellationToken cancellationToken)
        {
            var data = await QueryAsync("query Template($id: String) { template(id: $id) { id name specs inputs } }", new JsonObject { ["id"] = id }, cancellationToken).ConfigureAwait(false);
            if (!data.TryGetProperty("template", out var t) || t.ValueKind != JsonValueKind.Object)
            {
                throw DanimEnvelope.Error("TemplateNotFound", $"Template \"{id}\" cannot be found.", id);
            }
            DanimTemplate template;
            try
            {
                template = DanimModels.ToTemplate(t);
            }
            catch (JsonException ex)
            {
                throw new AnimationToolsException(DanimErrorIds.InvalidResponse, ErrorCategory.InvalidResult, $"The specs of template {id} are not readable JSON: {ex.Message}", ex, id);
            }
            _session.KnownTemplates[template.Id ?? id] = template.Name ?? "";
            return template;
        }

        public async Task<VideoDto> GetVideoAsync(string id, CancellationToken cancellationToken)
        {
            var data = await QueryAsync($"query Video($id: String) {{ video(id: $id) {{ {VideoDto.Fields} }} }}", new JsonObject { ["id"] = id }, cancellationToken).ConfigureAwait(false);
            if (!data.TryGetProperty("video", out var v) || v.ValueKind != JsonValueKind.Object)
            {
                throw DanimEnvelope.Error("VideoNotFound", $"Video with ID \"{id}\" cannot be found.", id);
            }
            var video = v.Deserialize<VideoDto>(Json.Options);
            Remember(video);
            return video;
        }

        /// <summary>The app's videos, newest first, one Relay page per call.</summary>
        public RelayCursorPager<VideoDto> ListVideos(string state, int pageSize)
        {
            return new RelayCursorPager<VideoDto>(async (after, token) =>
            {
                var variables = new JsonObject { ["first"] = pageSize, ["after"] = after, ["state"] = state };
                var data = await QueryAsync(
                    $"query Videos($first: Int, $after: String, $state: VideoState) {{ videos(first: $first, after: $after, state: $state) {{ edges {{ node {{ {VideoDto.Fields} }} }} pageInfo {{ hasNextPage endCursor }} }} }}",
                    variables, token).ConfigureAwait(false);
                var connection = data.GetProperty("videos");
                var items = new List<VideoDto>();
                foreach (var edge in connection.GetProperty("edges").EnumerateArray())
                {
                    var video = edge.GetProperty("node").Deserialize<VideoDto>(Json.Options);
                    Remember(video);
                    items.Add(video);
                }
                var info = connection.GetProperty("pageInfo");
                return new RelayPage<VideoDto>(items, info.TryGetProperty("hasNextPage", out var more) && more.ValueKind == JsonValueKind.True, DanimModels.Text(info, "endCursor"));
            });
        }

        /// <summary>The statuses of several videos in one GraphQL request (one aliased field per video); a removed one is Missing.</summary>
        public async Task<IReadOnlyDictionary<string, VideoDto>> GetVideoStatusesAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken)
        {
            var declarations = string.Join(", ", ids.Select((_, i) => $"$id{i}: String"));
            var fields = string.Join(" ", ids.Select((_, i) => $"v{i}: video(id: $id{i}) {{ {VideoDto.Fields} }}"));
            var variables = new JsonObject();
            for (var i = 0; i < ids.Count; i++)
            {
                variables["id" + i] = ids[i];
            }
            var answer = await ReadAsync($"query Statuses({declarations}) {{ {fields} }}", variables, null, cancellationToken).ConfigureAwait(false);
            if (!answer.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
            {
                throw Errors(answer).FirstOrDefault() ?? new AnimationToolsException(DanimErrorIds.InvalidResponse, ErrorCategory.InvalidResult, "Danim answered a status read without data.");
            }
            var result = new Dictionary<string, VideoDto>();
            for (var i = 0; i < ids.Count; i++)
            {
                result[ids[i]] = data.TryGetProperty("v" + i, out var v) && v.ValueKind == JsonValueKind.Object
                    ? v.Deserialize<VideoDto>(Json.Options)
                    : new VideoDto { Id = ids[i], Missing = true };
            }
            return result;
        }

        void Remember(VideoDto video)
        {
            if (video?.Id != null)
            {
                _session.KnownVideos[video.Id] = video.Name ?? "";
                if (!string.IsNullOrEmpty(video.TemplateId))
                {
                    _session.KnownTemplates.TryAdd(video.TemplateId, "");
                }
            }
        }

        /// <summary>Downloads a DONE video's mp4 (result URLs need no credentials).</summary>
        public Task<FileInfo> DownloadAsync(string url, string destination, CancellationToken cancellationToken) =>
            new FileDownload(Http) { Authenticate = false }.DownloadAsync(url, destination, cancellationToken);
    }

    /// <summary>The platform's file rules (contract §7.1, emulator choice for the unpublished limits).</summary>
    static class DanimFiles
    {
        public const long MaxBytes = 200L * 1024 * 1024;

        public static readonly string[] Extensions = { ".jpg", ".jpeg", ".png", ".mp4", ".mov" };

        public static string MediaType(string path)
        {
            switch (Path.GetExtension(path).ToLowerInvariant())
            {
                case ".jpg": case ".jpeg": return "image/jpeg";
                case ".png": return "image/png";
                case ".mp4": return "video/mp4";
                case ".mov": return "video/quicktime";
                default: return "application/octet-stream";
            }
        }

        public static bool IsVideo(string path) => MediaType(path).StartsWith("video/", StringComparison.Ordinal);

        /// <summary>Checks a local file before anything is sent: it exists, is not empty or too large, and has an accepted extension.</summary>
        public static string Check(string fullPath, string parameter)
        {
            if (Directory.Exists(fullPath))
            {
                throw new AnimationToolsException(DanimErrorIds.FileIsFolder, ErrorCategory.InvalidArgument, $"{parameter}: '{fullPath}' is a folder; give a file.", null, fullPath);
            }
            if (!File.Exists(fullPath))
            {
                throw new AnimationToolsException(DanimErrorIds.FileNotFound, ErrorCategory.ObjectNotFound, $"{parameter}: the file '{fullPath}' does not exist.", null, fullPath);
            }
            var extension = Path.GetExtension(fullPath).ToLowerInvariant();
            if (!Extensions.Contains(extension))
            {
                throw new AnimationToolsException(DanimErrorIds.FileExtensionIsNotAccepted, ErrorCategory.InvalidArgument,
                    $"{parameter}: the extension of '{Path.GetFileName(fullPath)}' is not accepted by Danim. Use one of: {string.Join(", ", Extensions.Select(e => e.TrimStart('.')))}.", null, fullPath);
            }
            var length = new FileInfo(fullPath).Length;
            if (length == 0)
            {
                throw new AnimationToolsException(DanimErrorIds.EmptyFile, ErrorCategory.InvalidArgument, $"{parameter}: '{Path.GetFileName(fullPath)}' is empty.", null, fullPath);
            }
            if (length > MaxBytes)
            {
                throw new AnimationToolsException(DanimErrorIds.FileIsTooLarge, ErrorCategory.LimitsExceeded,
                    $"{parameter}: '{Path.GetFileName(fullPath)}' has {length} bytes; Danim takes files up to {MaxBytes / 1024 / 1024} MiB.", null, fullPath);
            }
            return fullPath;
        }
    }
}
