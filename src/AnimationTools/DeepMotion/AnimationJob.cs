using System;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using AnimationTools.Core.Cmdlets;
using AnimationTools.Core.Errors;
using AnimationTools.Core.Jobs;

namespace AnimationTools.DeepMotion
{
    /// <summary>
    /// A DeepMotion animation job as a PowerShell job. Its session's poller follows it (a webhook event only makes it
    /// look sooner); on success its output is an AnimationResult (with the files saved when a destination was given),
    /// on failure its error is the mapped job error (e.g. DeepMotion.Job.513). Stop-Job stops following it; the
    /// service offers no way to cancel the work.
    /// </summary>
    public sealed class AnimationJob : PolledJob, IPolledJob<DeepMotionJobStatus>
    {
        internal AnimationJob(DeepMotionSession session, string rid, string name, string destination, string[] formats, bool keepArchive, string command)
            : base(session, session.Poller, rid, command, string.IsNullOrEmpty(name) ? rid : name)
        {
            Session = session;
            Rid = rid;
            FileName = name;
            Destination = destination;
            Formats = formats;
            KeepArchive = keepArchive;
            RemoteStatus = "STARTING";
        }

        /// <summary>DeepMotion request id.</summary>
        public string Rid { get; }

        /// <summary>Last status the service reported: STARTING, PROGRESS, RETRY, SUCCESS or FAILURE.</summary>
        public string RemoteStatus { get; private set; }

        /// <summary>Processing step reached, out of <see cref="TotalSteps"/>.</summary>
        public int? Step { get; private set; }

        public int? TotalSteps { get; private set; }

        /// <summary>The share of the processing steps done, 0-100, once the service reports steps.</summary>
        public int? PercentComplete => Step.HasValue && TotalSteps > 0 ? Math.Min(100, Step.Value * 100 / TotalSteps.Value) : (int?)null;

        /// <summary>Position in the service's queue while queued, when the service says.</summary>
        public int? PositionInQueue { get; private set; }

        /// <summary>Name of the input file.</summary>
        public string FileName { get; internal set; }

        public long? FileSize { get; internal set; }

        /// <summary>Duration of the input video in seconds.</summary>
        public double? FileDuration { get; internal set; }

        public DateTime? Created { get; internal set; }

        public DateTime? Modified { get; internal set; }

        /// <summary>Folder the results are saved into on success; null to only report the download links.</summary>
        public string Destination { get; }

        /// <summary>Formats to save (all when empty).</summary>
        public string[] Formats { get; }

        /// <summary>Whether the zip archives the service delivers are kept beside the files extracted from them.</summary>
        public bool KeepArchive { get; }

        public DeepMotionSession Session { get; }

        string IPolledJob<DeepMotionJobStatus>.RemoteId => Rid;

        bool IPolledJob<DeepMotionJobStatus>.OnStatus(DeepMotionJobStatus status) => OutcomeKnown || Conclude(Apply(status), status == null ? NotListed : status.Status);

        void IPolledJob<DeepMotionJobStatus>.OnPollFailed(AnimationToolsException error, int consecutiveFailures, bool givingUp) =>
            PollFailed(error, consecutiveFailures, givingUp);

        StatusMeaning Apply(DeepMotionJobStatus status)
        {
            if (status == null)
            {
                // A rid the service does not list: a moment's lag, or no such job (a wrong rid in an answer). Bounded.
                return StatusMeaning.Unknown;
            }
            RemoteStatus = status.Status;
            PositionInQueue = status.PositionInQueue;
            switch (status.Status)
            {
                case "SUCCESS":
                    Step = TotalSteps;
                    SetStatus("Fetching results");
                    _ = Task.Run(CompleteAsync);
                    return StatusMeaning.Finished;
                case "FAILURE":
                    var error = DeepMotionJobErrors.FromFailure(Rid, status.ExceptionType, status.ExceptionMessage);
                    Fail(error.ToErrorRecord(), "Failed: " + error.Message);
                    return StatusMeaning.Finished;
                case "RETRY":
                    SetStatus("The service is retrying the job" + (string.IsNullOrEmpty(status.ExceptionMessage) ? "" : ": " + status.ExceptionMessage));
                    return StatusMeaning.Running;
                case "PROGRESS":
                case "STARTING":
                    Step = status.Step;
                    TotalSteps = status.Total;
                    if (status.Total > 0)
                    {
                        var step = Math.Min(status.Step ?? 0, status.Total.Value);
                        SetStatus($"Processing step {step} of {status.Total}", step * 100 / status.Total.Value);
                    }
                    else
                    {
                        SetStatus(status.PositionInQueue.HasValue ? $"Queued (position {status.PositionInQueue})" : "Processing");
                    }
                    return StatusMeaning.Running;
                default:
                    return StatusMeaning.Unknown;
            }
        }

        async Task CompleteAsync()
        {
            var previous = OperationStreams.Current;
            OperationStreams.Current = Streams;
            try
            {
                var links = await Session.Client.GetDownloadLinksAsync(new[] { Rid }, Stopping).ConfigureAwait(false);
                var link = links.FirstOrDefault(l => l.Rid == Rid);
                if (link?.Urls == null)
                {
                    throw new AnimationToolsException("DeepMotion.ResultMissing", ErrorCategory.ObjectNotFound,
                        $"DeepMotion reports job {Rid} as successful but offers no files for it.", null, Rid);
                }
                var result = DeepMotionClient.ToResult(link);
                if (!string.IsNullOrEmpty(Destination))
                {
                    SetStatus("Downloading results");
                    await AnimationDownload.SaveAsync(Session.Client, result, Destination, Formats, KeepArchive, Stopping).ConfigureAwait(false);
                }
                Succeed(new object[] { result });
            }
            catch (OperationCanceledException) when (Stopping.IsCancellationRequested)
            {
            }
            catch (AnimationToolsException ex)
            {
                Fail(ex.ToErrorRecord());
            }
            catch (Exception ex)
            {
                Fail(new AnimationToolsException("DeepMotion.ResultFailed", ErrorCategory.NotSpecified, $"Could not collect the results of job {Rid}: {ex.Message}", ex, Rid).ToErrorRecord());
            }
            finally
            {
                OperationStreams.Current = previous;
            }
        }

        internal void ApplyListing(ListItem item)
        {
            FileName = item.FileName ?? FileName;
            FileSize = item.FileSize;
            FileDuration = item.FileDuration;
            Created = FromEpochMs(item.CreatedMs);
            Modified = FromEpochMs(item.ModifiedMs);
            if (!string.IsNullOrEmpty(item.Status) && RemoteStatus == "STARTING")
            {
                RemoteStatus = item.Status;
            }
        }

        static DateTime? FromEpochMs(long? milliseconds)
        {
            return milliseconds.HasValue && milliseconds.Value > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(milliseconds.Value).LocalDateTime : (DateTime?)null;
        }
    }
}
