using System;
using AnimationTools.Core.Webhooks;

namespace AnimationTools.Danim.Webhooks
{
    /// <summary>
    /// A verified Danim callback: a video is DONE (video.done). What it says is a hint: the session's job for the
    /// video asks the service and completes from that answer.
    /// </summary>
    public sealed class DanimCallbackEvent : IWebhookEvent, IJobEvent
    {
        /// <summary>Danim.</summary>
        public string Service => DanimSession.ServiceName;

        /// <summary>video.done (Danim calls back only when a generation succeeded).</summary>
        public string EventType => "video.done";

        /// <summary>The video's id.</summary>
        public string Id => VideoId;

        public string VideoId { get; set; }

        public string RawUrl { get; set; }

        public string QuicklookUrl { get; set; }

        public string ThumbnailUrl { get; set; }

        public string PlayerUrl { get; set; }

        /// <summary>POST (a form) or GET (the fields in the query, for http+get:// and https+get:// callback URLs).</summary>
        public string Method { get; set; }

        public DateTime ReceivedAt { get; set; }

        string IJobEvent.RemoteId => VideoId;

        public override string ToString() => $"{EventType} {VideoId}";
    }
}
