using System;
using System.IO;
using System.Management.Automation;
using System.Threading.Tasks;
using AnimationTools.Core.Cmdlets;
using AnimationTools.Core.Errors;
using AnimationTools.Core.Jobs;

namespace AnimationTools.Danim
{
    /// <summary>
    /// A video generation as a PowerShell job. Its session's poller follows the video through GraphQL reads
    /// (PENDING_IN_APP, GENERATING) to DONE, when its output is the DanimVideo with RawUrl, PlayerUrl and ThumbnailUrl
    /// (and, with a destination, the mp4 downloaded into it, in the video's File); FAILED is the job's error
    /// (Danim.&lt;failure type&gt; with the service's reason), a removed video is Danim.VideoNotFound. Stop-Job stops
    /// following it; Danim offers no way to cancel a generation.
    /// </summary>
    public sealed class DanimVideoJob : PolledJob, IPolledJob<VideoDto>
    {
        readonly string _destination;

        internal DanimVideoJob(DanimSession session, string videoId, string name, string destination, string command)
            : base(session, session.VideoPoller, videoId, command, string.IsNullOrEmpty(name) ? videoId : name)
        {
            Session = session;
            VideoId = videoId;
            _destination = destination;
            RemoteState = "PENDING_IN_APP";
        }

        /// <summary>The video's id.</summary>
        public string VideoId { get; }

        /// <summary>The last state the service reported.</summary>
        public string RemoteState { get; private set; }

        /// <summary>Where the mp4 goes once DONE (a folder, or a .mp4 path); null to download nothing.</summary>
        public string Destination => _destination;

        public DanimSession Session { get; }

        string IPolledJob<VideoDto>.RemoteId => VideoId;

        bool IPolledJob<VideoDto>.OnStatus(VideoDto status) => OutcomeKnown || Conclude(Apply(status), status?.State);

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
                Fail(DanimEnvelope.Error("VideoNotFound", $"Video {VideoId} no longer exists (it was removed).", VideoId).ToErrorRecord(), "Removed");
                return StatusMeaning.Finished;
            }
            RemoteState = status.State;
            switch (status.State)
            {
                case "DONE":
                    var video = DanimModels.ToVideo(status);
                    if (_destination == null)
                    {
                        Succeed(new object[] { video });
                    }
                    else
                    {
                        SetStatus("Downloading", 100);
                        _ = DownloadAsync(video);
                    }
                    return StatusMeaning.Finished;
                case "FAILED":
                    var type = string.IsNullOrEmpty(status.FailureType) ? "VideoGenerationFailed" : status.FailureType;
                    var error = DanimEnvelope.Error(type, $"The generation of video {VideoId} failed: {status.FailureReason ?? type}", VideoId);
                    error.RecommendedAction = "Check the template data (Test-DanimTemplateData) and the organization's credits, then create the video again.";
                    Fail(error.ToErrorRecord(), "Failed: " + (status.FailureReason ?? type));
                    return StatusMeaning.Finished;
                case "PENDING_IN_APP":
                    SetStatus("Queued (PENDING_IN_APP)", 10);
                    return StatusMeaning.Running;
                case "GENERATING":
                    SetStatus("Generating", 50);
                    return StatusMeaning.Running;
                case "DRAFT":
                    SetStatus("Draft: waiting for Start-DanimVideo");
                    return StatusMeaning.Running;
                default:
                    return StatusMeaning.Unknown;
            }
        }

        async Task DownloadAsync(DanimVideo video)
        {
            var previous = OperationStreams.Current;
            OperationStreams.Current = Streams;
            try
            {
                video.File = await Session.Client.DownloadAsync(video.RawUrl, DanimPaths.VideoFile(_destination, video), Stopping).ConfigureAwait(false);
                Succeed(new object[] { video });
            }
            catch (AnimationToolsException ex)
            {
                ex.Target = ex.Target ?? VideoId;
                Fail(ex.ToErrorRecord(), "Download failed");
            }
            catch (OperationCanceledException)
            {
                // Stopped meanwhile.
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                Fail(new ErrorRecord(ex, DanimErrorIds.DownloadFailed, ErrorCategory.WriteError, VideoId), "Download failed");
            }
            finally
            {
                OperationStreams.Current = previous;
            }
        }
    }

    static class DanimPaths
    {
        /// <summary>A .mp4 path as it is; otherwise a folder, in which the file is named after the video.</summary>
        public static string VideoFile(string destination, DanimVideo video)
        {
            if (destination.EndsWith(".mp4", StringComparison.OrdinalIgnoreCase))
            {
                return destination;
            }
            var name = string.IsNullOrWhiteSpace(video.Name) ? video.Id : video.Name + "-" + (video.ShortId ?? video.Id);
            foreach (var c in Path.GetInvalidFileNameChars())
            {
                name = name.Replace(c, '_');
            }
            return Path.Combine(destination, name + ".mp4");
        }
    }
}
