using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AnimationTools.Core.Cmdlets;
using AnimationTools.Core.Errors;
using AnimationTools.Core.Transfer;

namespace AnimationTools.Teleport.Captures
{
    /// <summary>
    /// The upload protocol of §8 with nothing kept only in memory: the capture is created (or, on a rerun, taken from
    /// the session's upload journal), its parts go up in parallel through <see cref="MultipartUpload"/>, each ETag
    /// journaled as it arrives, and the completion sends the ordered list. A rerun of the same command on the same,
    /// unchanged source continues the same capture and sends only the parts that are missing. Parts the service
    /// rejects at completion are forgotten, so the next run sends them (and only them) again.
    /// </summary>
    sealed class CaptureUploader
    {
        const string ChunkSizeValue = "chunkSize";
        const string PartCountValue = "numParts";

        readonly TeleportSession _session;

        public CaptureUploader(TeleportSession session)
        {
            _session = session;
        }

        /// <summary>Uploads the source as one capture and completes it; returns the capture, now PROCESSING.</summary>
        public async Task<CaptureDto> UploadAsync(CaptureSource source, string name, int throttleLimit, CancellationToken cancellationToken)
        {
            var upload = source.Upload;
            var journal = _session.Journal;
            var key = UploadJournal.KeyOf(TeleportSession.ServiceName, _session.ClientId, _session.Endpoint, upload.Identity);
            var streams = OperationStreams.Current;

            if (source.Archive != null)
            {
                // The archive's headers carry each photo's checksum: read them once before any part goes up.
                var reading = new TransferProgress($"Reading {source.Archive.Count} images of '{source.DefaultName}'", source.Archive.ContentLength);
                await source.Archive.ComputeChecksumsAsync(reading.Add, cancellationToken).ConfigureAwait(false);
                reading.Complete();
            }

            for (var fresh = false; ; fresh = true)
            {
                var record = fresh ? null : journal.Find(key);
                string eid;
                long chunkSize;
                int partCount;
                var resumed = false;
                if (record != null && !string.IsNullOrEmpty(record.Session)
                    && long.TryParse(Value(record, ChunkSizeValue), NumberStyles.None, CultureInfo.InvariantCulture, out chunkSize)
                    && int.TryParse(Value(record, PartCountValue), NumberStyles.None, CultureInfo.InvariantCulture, out partCount))
                {
                    eid = record.Session;
                    resumed = true;
                    streams.Verbose($"Teleport: continuing the upload of '{upload.Name}' to capture {eid} (started {record.StartedUtc.ToLocalTime():g})");
                }
                else
                {
                    var created = await _session.Captures.CreateAsync(new NewCaptureInput { Name = name, Bytesize = upload.Length, InputDataFormat = source.InputFormat }, cancellationToken).ConfigureAwait(false);
                    eid = created.Eid;
                    chunkSize = created.ChunkSize;
                    if (chunkSize <= 0)
                    {
                        // An adopted capture (lost answer): the part URL answer tells the part size too.
                        chunkSize = (await _session.Captures.PartUrlAsync(eid, 1, upload.Length, cancellationToken).ConfigureAwait(false)).ChunkSize;
                    }
                    partCount = created.NumParts > 0 ? created.NumParts : MultipartUpload.PartCount(upload.Length, chunkSize);
                    record = new UploadRecord { Session = eid, StartedUtc = DateTime.UtcNow };
                    record.Values[ChunkSizeValue] = chunkSize.ToString(CultureInfo.InvariantCulture);
                    record.Values[PartCountValue] = partCount.ToString(CultureInfo.InvariantCulture);
                    journal.Save(key, record);
                    streams.Verbose($"Teleport: created capture {eid} for '{upload.Name}': {partCount} part(s) of {TransferProgress.Size(chunkSize)}");
                }

                IReadOnlyList<UploadedPart> parts;
                try
                {
                    var multipart = new MultipartUpload(_session.Http) { ThrottleLimit = throttleLimit };
                    parts = await multipart.UploadAsync(upload, chunkSize, partCount,
                        async (number, token) => new Uri((await _session.Captures.PartUrlAsync(eid, number, upload.Length, token).ConfigureAwait(false)).UploadUrl),
                        MultipartUpload.PartsOf(record), journal, key, "Uploading " + upload.Name, cancellationToken).ConfigureAwait(false);
                }
                catch (AnimationToolsException gone) when (resumed && IsGone(gone))
                {
                    // The journal's capture was deleted (or its upload aborted) meanwhile: start over once.
                    streams.Warning($"Capture {eid}, whose upload of '{upload.Name}' an earlier run began, no longer takes parts ({gone.Message}); uploading to a new capture.");
                    journal.Remove(key);
                    continue;
                }

                CaptureDto capture;
                try
                {
                    capture = await _session.Captures.CompleteAsync(eid, parts, cancellationToken).ConfigureAwait(false);
                }
                catch (TeleportValidationException rejected)
                {
                    throw PartsRejected(eid, upload.Name, rejected, parts, journal, key);
                }
                journal.Remove(key);
                return capture;
            }
        }

        static bool IsGone(AnimationToolsException error) =>
            error.StatusCode == 404 || error.ErrorId == TeleportSession.ServiceName + ".Storage.NoSuchUpload";

        static string Value(UploadRecord record, string name) => record.Values.TryGetValue(name, out var value) ? value : null;

        /// <summary>
        /// The completion named parts whose ETag it does not accept (or that it never received): those parts are dropped
        /// from the journal, so running the command again sends exactly them again, and the error says which they were.
        /// </summary>
        static AnimationToolsException PartsRejected(string eid, string name, TeleportValidationException rejected, IReadOnlyList<UploadedPart> parts, UploadJournal journal, string key)
        {
            var numbers = new SortedSet<int>();
            foreach (var field in rejected.Fields)
            {
                var index = field.IndexAt(2);
                if (field.Location.Count > 1 && Equals(field.Location[1], "parts") && index.HasValue && index.Value < parts.Count)
                {
                    numbers.Add(parts[index.Value].Number);
                }
            }
            foreach (var number in numbers)
            {
                journal.Append(key, MultipartUpload.PartPrefix + number.ToString(CultureInfo.InvariantCulture), "");
            }
            var which = numbers.Count == 0 ? "" : $" part(s) {string.Join(", ", numbers)}:";
            var wrongETag = rejected.Fields.Any(f => f.Type == "invalid_etag");
            return new AnimationToolsException(wrongETag ? "Teleport.Upload.InvalidETag" : "Teleport.Upload.Rejected", ErrorCategory.InvalidData,
                $"Teleport did not accept the parts of capture {eid} ('{name}'):{which} {string.Join("; ", rejected.Fields.Select(f => f.ToString()))}", rejected, eid)
            {
                StatusCode = 422,
                RecommendedAction = numbers.Count > 0
                    ? "Run the same command again: only the rejected parts are sent again."
                    : "Remove the capture (Remove-TeleportCapture) and create it again.",
            };
        }
    }
}
