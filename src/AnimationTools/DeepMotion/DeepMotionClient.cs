using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AnimationTools.Core.Cmdlets;
using AnimationTools.Core.Errors;
using AnimationTools.Core.Http;
using AnimationTools.Core.Transfer;
using Flurl.Http;

namespace AnimationTools.DeepMotion
{
    /// <summary>The DeepMotion Animate 3D REST API (contract: specs/deepmotion.md), one method per call.</summary>
    sealed class DeepMotionClient
    {
        readonly DeepMotionSession _session;

        public DeepMotionClient(DeepMotionSession session)
        {
            _session = session;
        }

        HttpPipeline Http => _session.Http;

        /// <summary>
        /// Uploads a file to a signed storage URL. A resumable upload is journaled: a rerun on the same, unchanged file
        /// continues the unfinished upload (and its storage URL) instead of starting again.
        /// </summary>
        public async Task<UploadedVideo> UploadAsync(string path, bool resumable, int chunkSize, CancellationToken cancellationToken)
        {
            var name = Path.GetFileName(path);
            var activity = "Uploading " + name;
            Uri url;
            if (resumable)
            {
                var journal = UploadJournal.Default;
                var key = UploadJournal.KeyOf(DeepMotionSession.ServiceName, _session.ClientId + "/" + _session.UserUid, _session.Endpoint, new FileInfo(path));
                url = await new ResumableUpload(Http, chunkSize)
                    .UploadAsync(token => SignedUploadUrlAsync(name, true, token), path, activity, journal, key, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                url = await SignedUploadUrlAsync(name, false, cancellationToken).ConfigureAwait(false);
                await new SinglePutUpload(Http).UploadAsync(url, path, activity, cancellationToken).ConfigureAwait(false);
            }
            return new UploadedVideo
            {
                Name = name,
                Size = new FileInfo(path).Length,
                Url = url.OriginalString,
                Path = Path.GetFullPath(path),
                UploadedAt = DateTime.Now,
            };
        }

        async Task<Uri> SignedUploadUrlAsync(string name, bool resumable, CancellationToken cancellationToken)
        {
            var signed = await Http.Request("upload").SetQueryParams(new { name, resumable = resumable ? 1 : 0 })
                .GetJsonAsync<UploadUrlResponse>(cancellationToken: cancellationToken).ConfigureAwait(false);
            return EndpointPolicy.ValidateResponseUrl(DeepMotionSession.ServiceName, signed.Url, "upload URL for " + name);
        }

        public async Task<VideoInfo> GetVideoInfoAsync(string url, CancellationToken cancellationToken)
        {
            var info = await Http.Request("videoInfo").PostJsonAsync(new VideoInfoRequest { Url = url }, cancellationToken: cancellationToken)
                .ReceiveJson<VideoInfoResponse>().ConfigureAwait(false);
            return new VideoInfo
            {
                Name = FileNameOf(url),
                Width = info.Width,
                Height = info.Height,
                Fps = info.Fps,
                Duration = info.Duration,
                Codec = info.Codec,
                Size = info.Size,
                Url = url,
            };
        }

        /// <summary>
        /// POST /process, which spends credits. It is never sent twice blindly: after an answer that got lost, the job
        /// list is searched for the job this call created (same input file, created since it was sent, claimed by no
        /// other call of this process), and only if none is there is the POST sent again.
        /// </summary>
        public Task<string> StartJobAsync(string url, string rerunOf, List<string> parameters, CancellationToken cancellationToken)
        {
            var body = new ProcessRequestBody { Url = url, Rid = rerunOf, Params = parameters };
            var expectedFileName = url != null ? FileNameOf(url) : null;
            return ReconciledStart.SendAsync(new PaidStart<string>
            {
                Service = DeepMotionSession.ServiceName,
                What = "the new job",
                Retry = _session.Retry,
                // The job list echoes only the input's file name, so any start of this account may look like ours.
                MatchKey = _session.Endpoint.AbsoluteUri,
                LookupHint = "Get-AnimationJob -Status PROGRESS",
                IdOf = rid => rid,
                Send = async token =>
                {
                    var answer = await Http.Request("process").NotIdempotent().PostJsonAsync(body, cancellationToken: token)
                        .ReceiveJson<ProcessResponse>().ConfigureAwait(false);
                    if (string.IsNullOrEmpty(answer.Rid))
                    {
                        throw new AnimationToolsException("DeepMotion.InvalidResponse", ErrorCategory.InvalidResult, "DeepMotion started a job but returned no rid.");
                    }
                    return answer.Rid;
                },
                FindMatches = async (since, token) =>
                {
                    var jobs = await ListAsync(null, token).ConfigureAwait(false);
                    if (expectedFileName == null && rerunOf != null)
                    {
                        expectedFileName = jobs.FirstOrDefault(i => i.Rid == rerunOf)?.FileName
                            ?? throw new AnimationToolsException("DeepMotion.JobNotFound", ErrorCategory.ObjectNotFound,
                                $"The job {rerunOf} is no longer listed, so its rerun cannot be recognised in the job list.");
                    }
                    var sinceMs = since.ToUnixTimeMilliseconds();
                    return jobs
                        .Where(job => job.CreatedMs.HasValue && job.CreatedMs.Value >= sinceMs && job.Rid != rerunOf)
                        .Where(job => expectedFileName != null && string.Equals(job.FileName, expectedFileName, StringComparison.Ordinal))
                        .OrderBy(job => job.CreatedMs)
                        .Select(job => job.Rid)
                        .ToList();
                },
            }, cancellationToken);
        }

        public async Task<IReadOnlyDictionary<string, DeepMotionJobStatus>> GetStatusesAsync(IReadOnlyList<string> rids, CancellationToken cancellationToken)
        {
            var answer = await Http.Request("status").AppendPathSegmentList(rids)
                .GetJsonAsync<StatusResponse>(cancellationToken: cancellationToken).ConfigureAwait(false);
            var statuses = new Dictionary<string, DeepMotionJobStatus>();
            foreach (var status in answer.Status ?? new List<DeepMotionJobStatus>())
            {
                if (!string.IsNullOrEmpty(status?.Rid))
                {
                    statuses[status.Rid] = status;
                }
            }
            return statuses;
        }

        internal async Task<List<DownloadLink>> GetDownloadLinksAsync(IReadOnlyList<string> rids, CancellationToken cancellationToken)
        {
            var answer = await Http.Request("download").AppendPathSegmentList(rids)
                .GetJsonAsync<DownloadResponse>(cancellationToken: cancellationToken).ConfigureAwait(false);
            return answer.Links ?? new List<DownloadLink>();
        }

        internal async Task<List<ListItem>> ListAsync(IReadOnlyCollection<string> statuses, CancellationToken cancellationToken)
        {
            var request = Http.Request("list");
            if (statuses != null && statuses.Count > 0)
            {
                request.AppendPathSegmentList(statuses.Select(s => s.ToUpperInvariant()));
            }
            var answer = await request.GetJsonAsync<ListResponse>(cancellationToken: cancellationToken).ConfigureAwait(false);
            return answer.List ?? new List<ListItem>();
        }

        public async Task<double> GetCreditBalanceAsync(CancellationToken cancellationToken)
        {
            var answer = await Http.Request("account", "creditBalance").GetJsonAsync<CreditBalanceResponse>(cancellationToken: cancellationToken).ConfigureAwait(false);
            return answer.Credits;
        }

        /// <summary>The result of a successful job as the service describes it (no files downloaded).</summary>
        internal static AnimationResult ToResult(DownloadLink link)
        {
            var files = new List<AnimationFile>();
            foreach (var item in link.Urls ?? new List<DownloadItem>())
            {
                foreach (var file in item.Files ?? new List<Dictionary<string, string>>())
                {
                    foreach (var pair in file)
                    {
                        files.Add(new AnimationFile { Rid = link.Rid, Item = item.Name, Format = pair.Key, Url = pair.Value });
                    }
                }
            }
            return new AnimationResult { Rid = link.Rid, Name = link.Name, Size = link.Size, Duration = link.Duration, Files = files.ToArray() };
        }

        /// <summary>Downloads the result's files (optionally only some formats) into a folder; the result records the local paths.</summary>
        public async Task<List<FileInfo>> DownloadFilesAsync(AnimationResult result, string destination, string[] formats, CancellationToken cancellationToken)
        {
            var saved = new List<FileInfo>();
            var download = new FileDownload(Http) { Authenticate = false };
            foreach (var file in result.Files)
            {
                if (formats != null && formats.Length > 0 && !formats.Contains(file.Format, StringComparer.OrdinalIgnoreCase))
                {
                    continue;
                }
                var target = Path.Combine(destination, LocalFileName(file));
                var info = await download.DownloadAsync(EndpointPolicy.ValidateResponseUrl(DeepMotionSession.ServiceName, file.Url, "download URL of " + file.Format), target, cancellationToken).ConfigureAwait(false);
                file.Path = info.FullName;
                saved.Add(info);
            }
            result.Downloaded = saved.ToArray();
            return saved;
        }

        /// <summary>The vendor demo's naming: <c>rid-item.type.zip</c> for the zipped formats (bvh, fbx, glb), else <c>rid-item.type</c>.</summary>
        internal static string LocalFileName(AnimationFile file)
        {
            var item = string.Join("_", (file.Item ?? "output").Split(Path.GetInvalidFileNameChars()));
            var format = file.Format.ToLowerInvariant();
            if (format == "dmpe" || item.EndsWith("." + format, StringComparison.OrdinalIgnoreCase))
            {
                return file.Rid + "-" + item + (item.EndsWith("." + format, StringComparison.OrdinalIgnoreCase) ? "" : "." + format);
            }
            var zipped = format == "bvh" || format == "fbx" || format == "glb";
            return file.Rid + "-" + item + "." + format + (zipped ? ".zip" : "");
        }

        internal static string FileNameOf(string url)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
            {
                return null;
            }
            var segment = uri.Segments.LastOrDefault()?.Trim('/');
            return string.IsNullOrEmpty(segment) ? null : Uri.UnescapeDataString(segment);
        }
    }
}
