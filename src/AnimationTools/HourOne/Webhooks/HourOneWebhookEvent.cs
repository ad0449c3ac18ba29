using System;
using AnimationTools.Core.Webhooks;

namespace AnimationTools.HourOne.Webhooks
{
    /// <summary>
    /// A verified Hour One event: a video is ready (video.ready) or failed or was stopped (video.failed). What it says
    /// is a hint: the session's job for the video asks the service and completes from that answer.
    /// </summary>
    public sealed class HourOneWebhookEvent : IWebhookEvent, IJobEvent
    {
        /// <summary>HourOne.</summary>
        public string Service => HourOneSession.ServiceName;

        /// <summary>video.ready or video.failed, as the sender names it.</summary>
        public string EventType { get; set; }

        /// <summary>The video's id.</summary>
        public string Id => VideoId;

        public string VideoId { get; set; }

        /// <summary>The video's status as the sender says (ready, failed, stopped ...).</summary>
        public string Status { get; set; }

        public string DraftId { get; set; }

        public string RequestId { get; set; }

        public DateTime ReceivedAt { get; set; }

        string IJobEvent.RemoteId => VideoId;

        public override string ToString() => $"{EventType} {VideoId}";
    }
}
