using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using AnimationTools.Core.Cmdlets;
using AnimationTools.Core.Errors;
using AnimationTools.Core.Http;
using AnimationTools.Core.Transfer;

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

        public async Task<PlayerDto> RegisterPlayerAsync(string comment, CancellationToken cancellationToken)
        {
            var form = new MultipartForm().Add("comment", comment ?? "");
            var request = new ApiRequest(HttpMethod.Post, "players/") { Content = form.Build, Idempotent = false };
            return await Http.SendJsonAsync<PlayerDto>(request, cancellationToken).ConfigureAwait(false);
        }

        public Task<PlayerDto> GetPlayerAsync(string code, CancellationToken cancellationToken) =>
            Http.SendJsonAsync<PlayerDto>(ApiRequest.Get("players/" + Uri.EscapeDataString(code) + "/"), cancellationToken);

        /// <summary>
        /// POST /avatars/, which counts toward the plan. It is never sent twice blindly: after an answer that got lost,
        /// the newest avatars are searched for one this call created, and only if none is there is the POST sent again.
        /// </summary>
        public async Task<AvatarDto> CreateAvatarAsync(AvatarRequest avatar, IReadOnlyCollection<string> knownCodes, CancellationToken cancellationToken)
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
            var request = new ApiRequest(HttpMethod.Post, "avatars/") { Content = form.Build, Idempotent = false, Timeout = TimeSpan.FromMinutes(10) };
            return await ReconciledStart.SendAsync("The Avatar SDK", "the new avatar", _session.Retry,
                async token =>
                {
                    var created = await Http.SendJsonAsync<AvatarDto>(request, token).ConfigureAwait(false);
                    progress?.Complete();
                    if (string.IsNullOrEmpty(created.Code))
                    {
                        throw new AnimationToolsException("AvatarSdk.InvalidResponse", ErrorCategory.InvalidResult, "The Avatar SDK created an avatar but returned no code.");
                    }
                    return created;
                },
                (since, token) => FindAvatarCreatedSinceAsync(avatar, since, knownCodes, token),
                cancellationToken).ConfigureAwait(false);
        }

        async Task<AvatarDto> FindAvatarCreatedSinceAsync(AvatarRequest avatar, DateTimeOffset since, IReadOnlyCollection<string> knownCodes, CancellationToken cancellationToken)
        {
            var query = new List<string>();
            if (!string.IsNullOrEmpty(avatar.Name))
            {
                query.Add("name=" + Uri.EscapeDataString(avatar.Name));
            }
            if (!string.IsNullOrEmpty(avatar.Pipeline))
            {
                query.Add("pipeline=" + Uri.EscapeDataString(avatar.Pipeline));
            }
            // Newest first: the first page holds anything created in the last seconds.
            var pager = new LinkHeaderPager<AvatarDto>(Http, "avatars/" + (query.Count == 0 ? "" : "?" + string.Join("&", query)));
            var page = await pager.NextPageAsync(cancellationToken).ConfigureAwait(false);
            return page
                .Where(a => a.CreatedOn.HasValue && a.CreatedOn.Value >= since)
                .Where(a => string.Equals(a.Name ?? "", avatar.Name ?? "", StringComparison.Ordinal))
                .Where(a => knownCodes == null || !knownCodes.Contains(a.Code))
                .OrderBy(a => a.CreatedOn)
                .FirstOrDefault();
        }

        public Task<AvatarDto> GetAvatarAsync(string code, CancellationToken cancellationToken) =>
            Http.SendJsonAsync<AvatarDto>(ApiRequest.Get(AvatarPath(code)), cancellationToken);

        /// <summary>A pager over GET /avatars/ with the given filters (case-insensitive, AND-ed).</summary>
        public LinkHeaderPager<AvatarDto> ListAvatars(IEnumerable<KeyValuePair<string, string>> filters)
        {
            var query = string.Join("&", filters.Select(f => Uri.EscapeDataString(f.Key) + "=" + Uri.EscapeDataString(f.Value)));
            return new LinkHeaderPager<AvatarDto>(Http, "avatars/" + (query.Length == 0 ? "" : "?" + query));
        }

        public Task<AvatarDto> EditAvatarAsync(string code, string name, string description, CancellationToken cancellationToken)
        {
            var form = new MultipartForm().AddIfPresent("name", name).AddIfPresent("description", description);
            return Http.SendJsonAsync<AvatarDto>(new ApiRequest(new HttpMethod("PATCH"), AvatarPath(code)) { Content = form.Build }, cancellationToken);
        }

        public async Task DeleteAvatarAsync(string code, CancellationToken cancellationToken)
        {
            using (await Http.SendAsync(ApiRequest.Delete(AvatarPath(code)), cancellationToken).ConfigureAwait(false))
            {
            }
        }

        /// <summary>The poller's fetch: one GET per avatar (the API has no batch status); a 404 marks it missing.</summary>
        public async Task<IReadOnlyDictionary<string, AvatarDto>> GetAvatarStatusesAsync(IReadOnlyList<string> codes, CancellationToken cancellationToken)
        {
            var statuses = new Dictionary<string, AvatarDto>();
            foreach (var code in codes)
            {
                var request = new ApiRequest(HttpMethod.Get, AvatarPath(code)) { AcceptStatus = status => status == 404 };
                using (var response = await Http.SendAsync(request, cancellationToken).ConfigureAwait(false))
                {
                    if (response.StatusCode == HttpStatusCode.NotFound)
                    {
                        statuses[code] = new AvatarDto { Code = code, Missing = true };
                        continue;
                    }
                    var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                    statuses[code] = Json.Deserialize<AvatarDto>(body, Http.Service, "GET " + AvatarPath(code));
                }
            }
            return statuses;
        }

        public async Task<List<ExportDto>> ListExportsAsync(string avatarCode, CancellationToken cancellationToken)
        {
            var pager = new LinkHeaderPager<ExportDto>(Http, AvatarPath(avatarCode) + "exports/");
            var all = new List<ExportDto>();
            while (pager.HasMore)
            {
                all.AddRange(await pager.NextPageAsync(cancellationToken).ConfigureAwait(false));
            }
            return all;
        }

        public Task<ExportDto> GetExportAsync(string avatarCode, string exportCode, CancellationToken cancellationToken) =>
            Http.SendJsonAsync<ExportDto>(ApiRequest.Get(AvatarPath(avatarCode) + "exports/" + Uri.EscapeDataString(exportCode) + "/"), cancellationToken);

        /// <summary>POST …/exports/: not repeated blindly either; after a lost answer the avatar's exports are looked up.</summary>
        public async Task<ExportDto> CreateExportAsync(string avatarCode, string exportParametersJson, string comment, CancellationToken cancellationToken)
        {
            var known = (await ListExportsAsync(avatarCode, cancellationToken).ConfigureAwait(false)).Select(e => e.Code).ToList();
            var form = new MultipartForm().Add("export_parameters", exportParametersJson).AddIfPresent("export_comment", comment);
            var request = new ApiRequest(HttpMethod.Post, AvatarPath(avatarCode) + "exports/") { Content = form.Build, Idempotent = false };
            return await ReconciledStart.SendAsync("The Avatar SDK", "the new export", _session.Retry,
                token => Http.SendJsonAsync<ExportDto>(request, token),
                async (since, token) => (await ListExportsAsync(avatarCode, token).ConfigureAwait(false)).FirstOrDefault(e => !known.Contains(e.Code)),
                cancellationToken).ConfigureAwait(false);
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
                var request = new ApiRequest(HttpMethod.Get, AvatarPath(avatar) + "exports/" + Uri.EscapeDataString(export) + "/") { AcceptStatus = status => status == 404 };
                using (var response = await Http.SendAsync(request, cancellationToken).ConfigureAwait(false))
                {
                    if (response.StatusCode == HttpStatusCode.NotFound)
                    {
                        statuses[id] = new ExportDto { AvatarCode = avatar, Code = export, Missing = true };
                        continue;
                    }
                    statuses[id] = Json.Deserialize<ExportDto>(await response.Content.ReadAsStringAsync().ConfigureAwait(false), Http.Service, "GET export " + export);
                }
            }
            return statuses;
        }

        public const string FirstExport = "first";

        public Task<List<HaircutDto>> ListHaircutsAsync(AvatarDto avatar, CancellationToken cancellationToken) =>
            AllPagesAsync<HaircutDto>(avatar.Haircuts ?? AvatarPath(avatar.Code) + "haircuts/", cancellationToken);

        public Task<List<TextureDto>> ListTexturesAsync(AvatarDto avatar, CancellationToken cancellationToken) =>
            AllPagesAsync<TextureDto>(AvatarPath(avatar.Code) + "textures/", cancellationToken);

        async Task<List<T>> AllPagesAsync<T>(string pathOrUrl, CancellationToken cancellationToken)
        {
            var pager = new LinkHeaderPager<T>(Http, pathOrUrl);
            var all = new List<T>();
            while (pager.HasMore)
            {
                all.AddRange(await pager.NextPageAsync(cancellationToken).ConfigureAwait(false));
            }
            return all;
        }

        /// <summary>The model info JSON, parsed leniently: the service writes bare NaN for undetected landmarks (§7.4).</summary>
        public async Task<JsonElement> GetModelInfoAsync(AvatarDto avatar, CancellationToken cancellationToken)
        {
            using (var response = await Http.SendAsync(ApiRequest.Get(avatar.ModelInfo ?? AvatarPath(avatar.Code) + "model_info/"), cancellationToken).ConfigureAwait(false))
            {
                var text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                return ParseLenient(text, "GET model_info");
            }
        }

        public async Task<JsonElement> GetJsonAsync(string path, CancellationToken cancellationToken)
        {
            using (var response = await Http.SendAsync(ApiRequest.Get(path), cancellationToken).ConfigureAwait(false))
            {
                return ParseLenient(await response.Content.ReadAsStringAsync().ConfigureAwait(false), "GET " + path);
            }
        }

        /// <summary>Available (or default) computation parameters: the value under the one subtype key of the answer.</summary>
        public async Task<KeyValuePair<string, JsonElement>> GetParametersAsync(string pipeline, string subtype, bool defaults, CancellationToken cancellationToken)
        {
            var path = (defaults ? "parameters/default/" : "parameters/available/") + Uri.EscapeDataString(pipeline) + "/"
                + (subtype == null ? "" : "?pipeline_subtype=" + Uri.EscapeDataString(subtype));
            var answer = await GetJsonAsync(path, cancellationToken).ConfigureAwait(false);
            var first = answer.ValueKind == JsonValueKind.Object ? answer.EnumerateObject().FirstOrDefault() : default;
            return new KeyValuePair<string, JsonElement>(first.Name ?? subtype, first.Value);
        }

        public Task<JsonElement> GetExportParametersAsync(string pipeline, string subtype, CancellationToken cancellationToken) =>
            GetJsonAsync("export_parameters/available/" + Uri.EscapeDataString(pipeline) + "/" + (subtype == null ? "" : "?pipeline_subtype=" + Uri.EscapeDataString(subtype)), cancellationToken);

        public Task<JsonElement> GetStaticResourcesAsync(string pipeline, IEnumerable<KeyValuePair<string, string>> filters, CancellationToken cancellationToken)
        {
            var query = string.Join("&", filters.Select(f => f.Key + "=" + Uri.EscapeDataString(f.Value)));
            return GetJsonAsync("static_resources/available/" + Uri.EscapeDataString(pipeline) + "/" + (query.Length == 0 ? "" : "?" + query), cancellationToken);
        }

        public Task<UsageDto> GetUsageAsync(DateTime? since, DateTime? until, CancellationToken cancellationToken)
        {
            var query = new List<string>();
            if (since.HasValue)
            {
                query.Add("since=" + Uri.EscapeDataString(Iso(since.Value)));
            }
            if (until.HasValue)
            {
                query.Add("until=" + Uri.EscapeDataString(Iso(until.Value)));
            }
            return Http.SendJsonAsync<UsageDto>(ApiRequest.Get("billing/statistics/" + (query.Count == 0 ? "" : "?" + string.Join("&", query))), cancellationToken);
        }

        static string Iso(DateTime time) => time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

        public Task<SelfieDto> CreateSelfieAsync(CancellationToken cancellationToken) =>
            Http.SendJsonAsync<SelfieDto>(new ApiRequest(HttpMethod.Post, "selfies/") { Content = () => new MultipartForm().Build(), Idempotent = false }, cancellationToken);

        public Task<SelfieDto> GetSelfieAsync(string code, CancellationToken cancellationToken) =>
            Http.SendJsonAsync<SelfieDto>(ApiRequest.Get("selfies/" + Uri.EscapeDataString(code) + "/"), cancellationToken);

        /// <summary>HEAD on the selfie file: 204 while no photo was uploaded, 200 afterwards (§8).</summary>
        public async Task<bool> SelfieHasPhotoAsync(string code, CancellationToken cancellationToken)
        {
            var request = new ApiRequest(HttpMethod.Head, "selfies/" + Uri.EscapeDataString(code) + "/file/");
            using (var response = await Http.SendAsync(request, cancellationToken).ConfigureAwait(false))
            {
                return response.StatusCode == HttpStatusCode.OK;
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

        /// <summary>Downloads a URL of the service into a file (authenticated only on the service's own host).</summary>
        public Task<FileInfo> DownloadAsync(string url, string destination, CancellationToken cancellationToken, bool noContentMeansNone = false)
        {
            var uri = Http.Resolve(url);
            var download = new FileDownload(Http) { Authenticate = IsServiceHost(uri), NoContentMeansNone = noContentMeansNone };
            return download.DownloadAsync(uri, destination, cancellationToken);
        }

        public FileDownload Downloader(Uri url) => new FileDownload(Http) { Authenticate = IsServiceHost(url) };

        /// <summary>Only URLs on the session's own host get the bearer token (public_file and other hosts never see it).</summary>
        public bool IsServiceHost(Uri url) =>
            string.Equals(url.Host, _session.Endpoint.Host, StringComparison.OrdinalIgnoreCase) && url.Port == _session.Endpoint.Port;

        public Uri Resolve(string pathOrUrl) => Http.Resolve(pathOrUrl);

        internal static string AvatarPath(string code) => "avatars/" + Uri.EscapeDataString(code) + "/";

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
