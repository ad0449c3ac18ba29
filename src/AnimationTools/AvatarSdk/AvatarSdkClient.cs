using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using AnimationTools.Core.Cmdlets;
using AnimationTools.Core.Errors;
using AnimationTools.Core.Http;
using AnimationTools.Core.Transfer;
using Flurl;
using Flurl.Http;

namespace AnimationTools.AvatarSdk
{
    /// <summary>What New-Avatar asks the service to compute (the fields of POST /avatars/, §5.3).</summary>
    sealed class AvatarRequest
    {
        public string PhotoPath { get; set; }
        public string Selfie { get; set; }
        public string Name { get; set; }
        public string Description { get; set; }
        public string Pipeline { get; set; }
        public string PipelineSubtype { get; set; }

        /// <summary>JSON text of the computation parameters; null to let the service apply the defaults.</summary>
        public string ParametersJson { get; set; }

        public string ExportParametersJson { get; set; }
        public string ExportComment { get; set; }
    }

    /// <summary>The Avatar SDK Web API (contract: specs/avatarsdk.md), one method per call.</summary>
    sealed class AvatarSdkClient
    {
        readonly AvatarSdkSession _session;

        public AvatarSdkClient(AvatarSdkSession session)
        {
            _session = session;
        }

        HttpPipeline Http => _session.Http;

        public Task<PlayerDto> RegisterPlayerAsync(string comment, CancellationToken cancellationToken) =>
            Http.Request("players/").NotIdempotent()
                .PostAsync(new MultipartForm().Add("comment", comment ?? "").Build(), cancellationToken: cancellationToken).ReceiveJson<PlayerDto>();

        public Task<PlayerDto> GetPlayerAsync(string code, CancellationToken cancellationToken) =>
            Http.Request("players").AppendPathSegment(code, fullyEncode: true).WithTrailingSlash().GetJsonAsync<PlayerDto>(cancellationToken: cancellationToken);

        /// <summary>
        /// POST /avatars/, which counts toward the plan. It is never sent twice blindly: after an answer that got lost,
        /// the newest avatars are searched for one this call created, and only if none is there is the POST sent again.
        /// </summary>
        public async Task<AvatarDto> CreateAvatarAsync(AvatarRequest avatar, CancellationToken cancellationToken)
        {
            TransferProgress progress = null;
            var form = new MultipartForm()
                .AddIfPresent("name", avatar.Name)
                .AddIfPresent("description", avatar.Description)
                .AddIfPresent("pipeline", avatar.Pipeline)
                .AddIfPresent("pipeline_subtype", avatar.PipelineSubtype)
                .AddIfPresent("parameters", avatar.ParametersJson)
                .AddIfPresent("export_parameters", avatar.ExportParametersJson)
                .AddIfPresent("export_comment", avatar.ExportComment)
                .AddIfPresent("selfie", avatar.Selfie);
            if (avatar.PhotoPath != null)
            {
                progress = new TransferProgress("Uploading " + Path.GetFileName(avatar.PhotoPath), new FileInfo(avatar.PhotoPath).Length);
                form.AddFile("photo", avatar.PhotoPath, MediaType(avatar.PhotoPath), progress);
            }
            return await ReconciledStart.SendAsync(new PaidStart<AvatarDto>
            {
                Service = AvatarSdkSession.ServiceName,
                What = "the new avatar",
                Retry = _session.Retry,
                MatchKey = _session.Endpoint.AbsoluteUri,
                LookupHint = "Get-Avatar -First 10",
                IdOf = created => created.Code,
                Send = async token =>
                {
                    var created = await Http.Request("avatars/").NotIdempotent().WithAttemptTimeout(TimeSpan.FromMinutes(10))
                        .PostAsync(form.Build(), cancellationToken: token).ReceiveJson<AvatarDto>().ConfigureAwait(false);
                    progress?.Complete();
                    if (string.IsNullOrEmpty(created.Code))
                    {
                        throw new AnimationToolsException("AvatarSdk.InvalidResponse", ErrorCategory.InvalidResult, "The Avatar SDK created an avatar but returned no code.");
                    }
                    return created;
                },
                FindMatches = (since, token) => FindAvatarsLikeAsync(avatar, since, token),
            }, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>Avatars created since the given time with every field the list echoes equal to the request's.</summary>
        async Task<IReadOnlyList<AvatarDto>> FindAvatarsLikeAsync(AvatarRequest avatar, DateTimeOffset since, CancellationToken cancellationToken)
        {
            // Newest first: the first page holds anything created in the last seconds.
            var newest = Http.Request("avatars/").SetQueryParams(new
            {
                name = string.IsNullOrEmpty(avatar.Name) ? null : avatar.Name,
                pipeline = string.IsNullOrEmpty(avatar.Pipeline) ? null : avatar.Pipeline,
            });
            var page = await new LinkHeaderPager<AvatarDto>(Http, newest).NextPageAsync(cancellationToken).ConfigureAwait(false);
            return page
                .Where(a => a.CreatedOn.HasValue && a.CreatedOn.Value >= since)
                .Where(a => string.Equals(a.Name ?? "", avatar.Name ?? "", StringComparison.Ordinal))
                .Where(a => string.Equals(a.Description ?? "", avatar.Description ?? "", StringComparison.Ordinal))
                // Without -Pipeline the service uses animated_face, and the list says so.
                .Where(a => string.Equals(a.Pipeline, avatar.Pipeline ?? "animated_face", StringComparison.Ordinal))
                .OrderBy(a => a.CreatedOn)
                .ToList();
        }

        public Task<AvatarDto> GetAvatarAsync(string code, CancellationToken cancellationToken) =>
            Avatar(code).GetJsonAsync<AvatarDto>(cancellationToken: cancellationToken);

        /// <summary>A pager over GET /avatars/ with the given filters (case-insensitive, AND-ed).</summary>
        public LinkHeaderPager<AvatarDto> ListAvatars(IEnumerable<KeyValuePair<string, string>> filters) =>
            new LinkHeaderPager<AvatarDto>(Http, Http.Request("avatars/").SetQueryParams(filters));

        public Task<AvatarDto> EditAvatarAsync(string code, string name, string description, CancellationToken cancellationToken)
        {
            var form = new MultipartForm().AddIfPresent("name", name).AddIfPresent("description", description);
            return Avatar(code).PatchAsync(form.Build(), cancellationToken: cancellationToken).ReceiveJson<AvatarDto>();
        }

        public async Task DeleteAvatarAsync(string code, CancellationToken cancellationToken)
        {
            using (await Avatar(code).DeleteAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
            {
            }
        }

        /// <summary>The poller's fetch: one GET per avatar (the API has no batch status); a 404 marks it missing.</summary>
        public async Task<IReadOnlyDictionary<string, AvatarDto>> GetAvatarStatusesAsync(IReadOnlyList<string> codes, CancellationToken cancellationToken)
        {
            var statuses = new Dictionary<string, AvatarDto>();
            foreach (var code in codes)
            {
                using (var response = await Avatar(code).AcceptStatus(404).GetAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
                {
                    statuses[code] = response.StatusCode == 404
                        ? new AvatarDto { Code = code, Missing = true }
                        : await response.GetJsonAsync<AvatarDto>().ConfigureAwait(false);
                }
            }
            return statuses;
        }

        public async Task<List<ExportDto>> ListExportsAsync(string avatarCode, CancellationToken cancellationToken)
        {
            var pager = new LinkHeaderPager<ExportDto>(Http, Avatar(avatarCode, "exports"));
            var all = new List<ExportDto>();
            while (pager.HasMore)
            {
                all.AddRange(await pager.NextPageAsync(cancellationToken).ConfigureAwait(false));
            }
            return all;
        }

        public Task<ExportDto> GetExportAsync(string avatarCode, string exportCode, CancellationToken cancellationToken) =>
            Export(avatarCode, exportCode).GetJsonAsync<ExportDto>(cancellationToken: cancellationToken);

        /// <summary>POST …/exports/: not repeated blindly either; after a lost answer the avatar's exports are looked up.</summary>
        public async Task<ExportDto> CreateExportAsync(string avatarCode, string exportParametersJson, string comment, CancellationToken cancellationToken)
        {
            var known = (await ListExportsAsync(avatarCode, cancellationToken).ConfigureAwait(false)).Select(e => e.Code).ToList();
            var form = new MultipartForm().Add("export_parameters", exportParametersJson).AddIfPresent("export_comment", comment);
            return await ReconciledStart.SendAsync(new PaidStart<ExportDto>
            {
                Service = AvatarSdkSession.ServiceName,
                What = "the new export",
                Retry = _session.Retry,
                MatchKey = _session.Endpoint.AbsoluteUri + "\n" + avatarCode,
                LookupHint = "Get-AvatarExport -AvatarCode " + avatarCode,
                IdOf = export => export.Code,
                Send = token => Avatar(avatarCode, "exports").NotIdempotent().PostAsync(form.Build(), cancellationToken: token).ReceiveJson<ExportDto>(),
                FindMatches = async (since, token) => (await ListExportsAsync(avatarCode, token).ConfigureAwait(false))
                    .Where(e => !known.Contains(e.Code))
                    .Where(e => !e.CreatedOn.HasValue || e.CreatedOn.Value >= since)
                    .Where(e => string.Equals(e.Comment ?? "", comment ?? "", StringComparison.Ordinal))
                    .ToList(),
            }, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>
        /// The export poller's fetch. Ids are <c>avatar/export</c>, or <c>avatar/first</c> for the export made with the
        /// avatar (not listed until the avatar is created, so a missing one is simply not there yet).
        /// </summary>
        public async Task<IReadOnlyDictionary<string, ExportDto>> GetExportStatusesAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken)
        {
            var statuses = new Dictionary<string, ExportDto>();
            foreach (var id in ids)
            {
                var slash = id.IndexOf('/');
                var avatar = id.Substring(0, slash);
                var export = id.Substring(slash + 1);
                if (export == FirstExport)
                {
                    var first = (await ListExportsAsync(avatar, cancellationToken).ConfigureAwait(false)).OrderBy(e => e.CreatedOn).FirstOrDefault();
                    if (first != null)
                    {
                        statuses[id] = first;
                    }
                    continue;
                }
                using (var response = await Export(avatar, export).AcceptStatus(404).GetAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
                {
                    statuses[id] = response.StatusCode == 404
                        ? new ExportDto { AvatarCode = avatar, Code = export, Missing = true }
                        : await response.GetJsonAsync<ExportDto>().ConfigureAwait(false);
                }
            }
            return statuses;
        }

        public const string FirstExport = "first";

        public Task<List<HaircutDto>> ListHaircutsAsync(AvatarDto avatar, CancellationToken cancellationToken) =>
            AllPagesAsync<HaircutDto>(LinkOr(avatar.Haircuts, avatar.Code, "haircuts"), cancellationToken);

        public Task<List<TextureDto>> ListTexturesAsync(AvatarDto avatar, CancellationToken cancellationToken) =>
            AllPagesAsync<TextureDto>(Avatar(avatar.Code, "textures"), cancellationToken);

        async Task<List<T>> AllPagesAsync<T>(IFlurlRequest first, CancellationToken cancellationToken)
        {
            var pager = new LinkHeaderPager<T>(Http, first);
            var all = new List<T>();
            while (pager.HasMore)
            {
                all.AddRange(await pager.NextPageAsync(cancellationToken).ConfigureAwait(false));
            }
            return all;
        }

        /// <summary>The model info JSON object, parsed leniently: the service writes bare NaN for undetected landmarks (§7.4).</summary>
        public Task<JsonElement> GetModelInfoAsync(AvatarDto avatar, CancellationToken cancellationToken) =>
            GetLenientJsonAsync(LinkOr(avatar.ModelInfo, avatar.Code, "model_info"), "GET model_info", cancellationToken);

        async Task<JsonElement> GetLenientJsonAsync(IFlurlRequest request, string what, CancellationToken cancellationToken)
        {
            var text = await request.GetStringAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            return ParseLenient(text, what);
        }

        /// <summary>Available (or default) computation parameters: the value under the one subtype key of the answer.</summary>
        public async Task<KeyValuePair<string, JsonElement>> GetParametersAsync(string pipeline, string subtype, bool defaults, CancellationToken cancellationToken)
        {
            var request = Http.Request("parameters", defaults ? "default" : "available").AppendPathSegment(pipeline, fullyEncode: true).WithTrailingSlash()
                .SetQueryParam("pipeline_subtype", subtype);
            var answer = await GetLenientJsonAsync(request, "GET parameters of " + pipeline, cancellationToken).ConfigureAwait(false);
            foreach (var first in answer.EnumerateObject())
            {
                if (first.Value.ValueKind == JsonValueKind.Object)
                {
                    return new KeyValuePair<string, JsonElement>(first.Name, first.Value);
                }
                break;
            }
            throw new AnimationToolsException("AvatarSdk.InvalidResponse", ErrorCategory.InvalidResult,
                $"The Avatar SDK sent no parameters of {pipeline} (expected {{\"<subtype>\": {{...}}}}).");
        }

        public Task<JsonElement> GetExportParametersAsync(string pipeline, string subtype, CancellationToken cancellationToken) =>
            GetLenientJsonAsync(Http.Request("export_parameters", "available").AppendPathSegment(pipeline, fullyEncode: true).WithTrailingSlash()
                .SetQueryParam("pipeline_subtype", subtype), "GET export parameters of " + pipeline, cancellationToken);

        public Task<JsonElement> GetStaticResourcesAsync(string pipeline, IEnumerable<KeyValuePair<string, string>> filters, CancellationToken cancellationToken) =>
            GetLenientJsonAsync(Http.Request("static_resources", "available").AppendPathSegment(pipeline, fullyEncode: true).WithTrailingSlash()
                .SetQueryParams(filters), "GET static resources of " + pipeline, cancellationToken);

        public Task<UsageDto> GetUsageAsync(DateTime? since, DateTime? until, CancellationToken cancellationToken) =>
            Http.Request("billing", "statistics/").SetQueryParams(new { since = Iso(since), until = Iso(until) })
                .GetJsonAsync<UsageDto>(cancellationToken: cancellationToken);

        static string Iso(DateTime? time) => time?.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

        public Task<SelfieDto> CreateSelfieAsync(CancellationToken cancellationToken) =>
            Http.Request("selfies/").NotIdempotent().PostAsync(new MultipartForm().Build(), cancellationToken: cancellationToken).ReceiveJson<SelfieDto>();

        public Task<SelfieDto> GetSelfieAsync(string code, CancellationToken cancellationToken) =>
            Selfie(code).GetJsonAsync<SelfieDto>(cancellationToken: cancellationToken);

        /// <summary>HEAD on the selfie file: 204 while no photo was uploaded, 200 afterwards (§8).</summary>
        public async Task<bool> SelfieHasPhotoAsync(string code, CancellationToken cancellationToken)
        {
            using (var response = await Selfie(code, "file").HeadAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                return response.StatusCode == 200;
            }
        }

        /// <summary>Waits until a person has uploaded the selfie's photo, polling like the official client (with back-off).</summary>
        public async Task WaitForSelfiePhotoAsync(string code, TimeSpan timeout, CancellationToken cancellationToken)
        {
            var deadline = DateTimeOffset.UtcNow + timeout;
            var schedule = new Core.Jobs.PollingSchedule(_session.PollInterval);
            var record = new ProgressRecord(4711, "Waiting for the selfie photo", "Open the selfie's upload page on a phone and upload a photo") { PercentComplete = -1 };
            while (!await SelfieHasPhotoAsync(code, cancellationToken).ConfigureAwait(false))
            {
                if (DateTimeOffset.UtcNow >= deadline)
                {
                    throw new AnimationToolsException("AvatarSdk.SelfieTimeout", ErrorCategory.OperationTimeout,
                        $"No photo was uploaded to selfie {code} within {timeout.TotalSeconds:0} s.", null, code)
                    {
                        RecommendedAction = "Upload a photo on the selfie's upload page, or give a longer -SelfieTimeoutSeconds.",
                    };
                }
                OperationStreams.Current.Progress(record);
                await Task.Delay(schedule.Next(false), cancellationToken).ConfigureAwait(false);
            }
            record.RecordType = ProgressRecordType.Completed;
            OperationStreams.Current.Progress(record);
        }

        /// <summary>The mesh of an avatar made without export parameters, optionally at a level of detail.</summary>
        public Task<FileInfo> DownloadMeshAsync(AvatarDto avatar, int? lod, string destination, CancellationToken cancellationToken) =>
            DownloadAsync(LinkOr(avatar.Mesh, avatar.Code, "mesh").SetQueryParam("lod", lod).Url, destination, cancellationToken);

        public Task<FileInfo> DownloadPointCloudAsync(AvatarDto avatar, string destination, CancellationToken cancellationToken) =>
            DownloadAsync(Avatar(avatar.Code, "pointcloud").Url, destination, cancellationToken);

        /// <summary>The thumbnail, scaled down to fit <paramref name="maxSize"/> pixels when given.</summary>
        public Task<FileInfo> DownloadThumbnailAsync(AvatarDto avatar, int? maxSize, string destination, CancellationToken cancellationToken) =>
            DownloadAsync(LinkOr(avatar.Thumbnail, avatar.Code, "thumbnail").SetQueryParams(new { max_w = maxSize, max_h = maxSize }).Url, destination, cancellationToken);

        /// <summary>The blendshapes in a format (and level of detail); null when the avatar has none (204).</summary>
        public Task<FileInfo> DownloadBlendshapesAsync(AvatarDto avatar, string format, int? lod, string destination, CancellationToken cancellationToken) =>
            DownloadAsync(LinkOr(avatar.Blendshapes, avatar.Code, "blendshapes").SetQueryParams(new { fmt = format, lod }).Url, destination, cancellationToken, noContentMeansNone: true);

        /// <summary>Downloads a URL of the service (absolute, or a path under the endpoint) into a file.</summary>
        public Task<FileInfo> DownloadAsync(string url, string destination, CancellationToken cancellationToken, bool noContentMeansNone = false) =>
            DownloadAsync(Http.Resolve(url), destination, cancellationToken, noContentMeansNone);

        Task<FileInfo> DownloadAsync(Url url, string destination, CancellationToken cancellationToken, bool noContentMeansNone = false)
        {
            var download = new FileDownload(Http) { Authenticate = true, NoContentMeansNone = noContentMeansNone };
            return download.DownloadAsync(url, destination, cancellationToken);
        }

        /// <summary>A downloader for the service's files: the pipeline signs only those on the session's own endpoint.</summary>
        public FileDownload Downloader() => new FileDownload(Http) { Authenticate = true };

        public Uri Resolve(string pathOrUrl) => Http.Resolve(pathOrUrl);

        /// <summary><c>avatars/{code}/</c>, or <c>avatars/{code}/{resource}/</c>.</summary>
        IFlurlRequest Avatar(string code, string resource = null)
        {
            var request = Http.Request("avatars").AppendPathSegment(code, fullyEncode: true);
            return resource == null ? request.WithTrailingSlash() : request.AppendPathSegment(resource + "/");
        }

        IFlurlRequest Export(string avatarCode, string exportCode) =>
            Avatar(avatarCode, "exports").AppendPathSegment(exportCode, fullyEncode: true).WithTrailingSlash();

        IFlurlRequest Selfie(string code, string resource = null)
        {
            var request = Http.Request("selfies").AppendPathSegment(code, fullyEncode: true);
            return resource == null ? request.WithTrailingSlash() : request.AppendPathSegment(resource + "/");
        }

        /// <summary>The link the service gave for an avatar's resource, else the documented path.</summary>
        IFlurlRequest LinkOr(string link, string code, string resource) => link != null ? Http.Request(Http.Resolve(link, resource + " link").AbsoluteUri) : Avatar(code, resource);

        static string MediaType(string path)
        {
            var extension = Path.GetExtension(path).ToLowerInvariant();
            return extension == ".png" ? "image/png" : "image/jpeg";
        }

        JsonElement ParseLenient(string text, string what)
        {
            try
            {
                using (var document = JsonDocument.Parse(string.IsNullOrWhiteSpace(text) ? "{}" : QuoteBareNaN(text)))
                {
                    if (document.RootElement.ValueKind != JsonValueKind.Object)
                    {
                        throw new JsonException($"expected a JSON object, not {document.RootElement.ValueKind.ToString().ToLowerInvariant()}");
                    }
                    return document.RootElement.Clone();
                }
            }
            catch (JsonException ex)
            {
                throw new AnimationToolsException("AvatarSdk.InvalidResponse", ErrorCategory.InvalidResult, $"The Avatar SDK sent an unreadable answer to {what}: {ex.Message}", ex);
            }
        }

        /// <summary>Turns bare NaN/Infinity tokens (outside strings) into strings, which the readers then take as numbers.</summary>
        internal static string QuoteBareNaN(string json)
        {
            var output = new StringBuilder(json.Length + 16);
            var inString = false;
            for (var i = 0; i < json.Length; i++)
            {
                var c = json[i];
                if (inString)
                {
                    output.Append(c);
                    if (c == '\\' && i + 1 < json.Length)
                    {
                        output.Append(json[++i]);
                    }
                    else if (c == '"')
                    {
                        inString = false;
                    }
                    continue;
                }
                if (c == '"')
                {
                    inString = true;
                }
                foreach (var token in new[] { "NaN", "-Infinity", "Infinity" })
                {
                    if (string.CompareOrdinal(json, i, token, 0, token.Length) == 0)
                    {
                        output.Append('"').Append(token).Append('"');
                        i += token.Length - 1;
                        c = '\0';
                        break;
                    }
                }
                if (c != '\0')
                {
                    output.Append(c);
                }
            }
            return output.ToString();
        }
    }
}
