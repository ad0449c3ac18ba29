using System.Management.Automation;
using AnimationTools.Core.Errors;
using AnimationTools.Core.Jobs;

namespace AnimationTools.Teleport
{
    /// <summary>
    /// A capture's processing as a PowerShell job. Its session's poller follows the capture through the list endpoint
    /// (one walk answers for every capture the session follows) to READY, when the job's output is the
    /// <see cref="TeleportCapture"/>, or to FAILED, when its error is <c>Teleport.Capture.&lt;Reason&gt;</c>. A verified
    /// webhook event makes it ask the service at once. Stop-Job stops following it; processing goes on at Varjo.
    /// </summary>
    public sealed class CaptureJob : PolledJob, IPolledJob<CaptureDto>
    {
        internal CaptureJob(TeleportSession session, string eid, string name, string command)
            : base(session, session.Poller, eid, command, string.IsNullOrEmpty(name) ? eid : name)
        {
            Session = session;
            Eid = eid;
            CaptureState = "PROCESSING";
        }

        /// <summary>The capture's id.</summary>
        public string Eid { get; }

        /// <summary>The share id, once the service gave one.</summary>
        public string Sid { get; private set; }

        /// <summary>The capture's state as last seen: PROCESSING, READY, FAILED ...</summary>
        public string CaptureState { get; private set; }

        /// <summary>Why processing failed, when it did.</summary>
        public string ErrorReason { get; private set; }

        public TeleportSession Session { get; }

        string IPolledJob<CaptureDto>.RemoteId => Eid;

        bool IPolledJob<CaptureDto>.OnStatus(CaptureDto status) => OutcomeKnown || Conclude(Apply(status), status?.State);

        void IPolledJob<CaptureDto>.OnPollFailed(AnimationToolsException error, int consecutiveFailures, bool givingUp) =>
            PollFailed(error, consecutiveFailures, givingUp);

        StatusMeaning Apply(CaptureDto status)
        {
            if (status == null)
            {
                SetStatus("Waiting for the capture to be listed");
                return StatusMeaning.Running;
            }
            if (status.Missing)
            {
                Fail(TeleportErrors.Deleted(Eid).ToErrorRecord(), "Deleted");
                return StatusMeaning.Finished;
            }
            CaptureState = status.State;
            Sid = status.Sid ?? Sid;
            var reason = status.ErrorReason ?? status.ErrorReasonSlug;
            // A failure reason means failure whatever the state says (§6.1).
            if (status.State == "FAILED" || status.State == "ERROR" || !string.IsNullOrEmpty(reason))
            {
                ErrorReason = reason;
                Fail(TeleportErrors.CaptureFailed(Eid, reason, status.StateDescription).ToErrorRecord(), "Failed: " + (reason ?? "processing failed"));
                return StatusMeaning.Finished;
            }
            switch (status.State)
            {
                case "READY":
                    Succeed(new object[] { TeleportModels.ToCapture(status) }, "Ready");
                    return StatusMeaning.Finished;
                case "PROCESSING":
                    SetStatus("Processing", 50);
                    return StatusMeaning.Running;
                case "CREATED":
                case "UPLOADING":
                case "UPLOAD_PENDING":
                    SetStatus("Waiting for the upload to be complete (" + status.State + ")", 0);
                    return StatusMeaning.Running;
                default:
                    return StatusMeaning.Unknown;
            }
        }
    }
}
