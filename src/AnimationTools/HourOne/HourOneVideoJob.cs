using System;
using System.Management.Automation;
using System.Threading.Tasks;
using AnimationTools.Core.Cmdlets;
using AnimationTools.Core.Errors;
using AnimationTools.Core.Jobs;

namespace AnimationTools.HourOne
{
    /// <summary>
    /// An Hour One video rendering as a PowerShell job. Its session's poller follows the video (started, processing
    /// with progress 0-100, -1 when unknown); ready or published is success, and its output is the HourOneVideo (with
    /// File set when the job has a destination, after downloading the mp4). failed, stopped and cancelled are the job's
    /// error (HourOne.Video.Failed, .Stopped, .Cancelled); a status that stays unknown is HourOne.UnknownStatus.
    /// Stop-Job stops following the video; it does not stop the rendering.
    /// </summary>
    public sealed class HourOneVideoJob : PolledJob, IPolledJob<VideoDto>
    {
        internal HourOneVideoJob(HourOneSession session, VideoDto created, string destination, string command)
            : base(session, session.VideoPoller, created.Id, command, string.IsNullOrEmpty(created.Name) ? created.Id : created.Name)
        {
            Session = session;
            VideoId = created.Id;
            CorrelationId = created.CorrelationId;
            Destination = destination;
            RemoteStatus = created.Status ?? "started";
            PercentComplete = created.Progress ?? 0;
        }

        /// <summary>The video's id.</summary>
        public string VideoId { get; }

        /// <summary>The correlation_id sent with the create request.</summary>
        public string CorrelationId { get; }

        /// <summary>Last status the service reported.</summary>
        public string RemoteStatus { get; private set; }

        /// <summary>Rendering progress 0-100; -1 while the service reports it as unknown.</summary>
        public int PercentComplete { get; private set; }

        /// <summary>The folder the mp4 is downloaded to on success; null when it is not downloaded.</summary>
        public string Destination { get; }

        public HourOneSession Session { get; }

        /// <summary>The video's id: a job piped to Get-HourOneVideo, Save-HourOneVideo ... stands for its video.</summary>
        public override string ToString() => VideoId;

        string IPolledJob<VideoDto>.RemoteId => VideoId;

        bool IPolledJob<VideoDto>.OnStatus(VideoDto status) => OutcomeKnown || Conclude(Apply(status), status?.Status);

        void IPolledJob<VideoDto>.OnPollFailed(AnimationToolsException error, int consecutiveFailures, bool givingUp) =>
            PollFailed(error, consecutiveFailures, givingUp);

        StatusMeaning Apply(VideoDto status)
        {
            if (status == null)
            {
                SetStatus("Waiting for the service to answer");
                return StatusMeaning.Running;
            }
            if (status.Missing)
            {
                Fail(new AnimationToolsException("HourOne.Video.NotFound", ErrorCategory.ObjectNotFound,
                    $"Video {VideoId} no longer exists (it was deleted).", null, VideoId).ToErrorRecord(), "Deleted");
                return StatusMeaning.Finished;
            }
            RemoteStatus = status.Status;
            PercentComplete = status.Progress ?? 0;
            switch (status.Status)
            {
                case "ready":
                case "published":
                    SetStatus("Rendered", 100);
                    _ = Task.Run(() => CompleteAsync(status));
                    return StatusMeaning.Finished;
                case "failed":
                case "stopped":
                case "cancelled":
                    var error = Ended(status.Status);
                    Fail(error.ToErrorRecord(), error.Message);
                    return StatusMeaning.Finished;
                case "processing":
                    Report(PercentComplete < 0 ? "Processing" : $"Processing ({PercentComplete} %)", PercentComplete);
                    return StatusMeaning.Running;
                case "started":
                case "not_started":
                    Report(status.Status == "started" ? "Started" : "Not started", PercentComplete);
                    return StatusMeaning.Running;
                default:
                    return StatusMeaning.Unknown;
            }
        }

        /// <summary>The status message with a progress record; -1 is shown as unknown progress rather than 0 %.</summary>
        void Report(string message, int percent)
        {
            if (percent >= 0)
            {
                SetStatus(message, percent);
                return;
            }
            SetStatus(message);
            Progress.Add(new ProgressRecord(Math.Abs(Id) + 1, Name, message) { PercentComplete = -1 });
        }

        AnimationToolsException Ended(string status)
        {
            // The video resource carries no reason (neither does the webhook payload): the status is all there is.
            var condition = char.ToUpperInvariant(status[0]) + status.Substring(1);
            return new AnimationToolsException("HourOne.Video." + condition, status == "failed" ? ErrorCategory.InvalidResult : ErrorCategory.OperationStopped,
                $"Video {VideoId} ended as {status}: Hour One reports no reason with the video.", null, VideoId)
            {
                RecommendedAction = status == "failed"
                    ? "Check the draft or recipe and its scenes in Hour One, then create the video again."
                    : "The rendering was stopped on the service; create the video again if it is still wanted.",
            };
        }

        async Task CompleteAsync(VideoDto status)
        {
            var previous = OperationStreams.Current;
            OperationStreams.Current = Streams;
            try
            {
                var video = HourOneModels.ToVideo(status);
                if (!string.IsNullOrEmpty(Destination))
                {
                    SetStatus("Downloading the video");
                    video.File = await Session.Client.DownloadVideoAsync(status, Destination, Stopping).ConfigureAwait(false);
                }
                Succeed(new object[] { video });
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
                Fail(new AnimationToolsException("HourOne.DownloadFailed", ErrorCategory.WriteError, $"Could not save video {VideoId}: {ex.Message}", ex, VideoId).ToErrorRecord());
            }
            finally
            {
                OperationStreams.Current = previous;
            }
        }
    }
}
