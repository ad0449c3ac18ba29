using System;
using AnimationTools.Core.Webhooks;

namespace AnimationTools.Teleport.Webhooks
{
    /// <summary>
    /// A verified Teleport organisation event: a capture finished processing (READY) or failed (ERROR). What it says
    /// is a hint: the session's job for the eid asks the service and completes from that answer.
    /// </summary>
    public sealed class TeleportWebhookEvent : IWebhookEvent, IJobEvent
    {
        /// <summary>Teleport.</summary>
        public string Service => TeleportSession.ServiceName;

        /// <summary>capture.ready or capture.error (capture. and the state in lower case).</summary>
        public string EventType => "capture." + (State ?? "unknown").ToLowerInvariant();

        /// <summary>The capture's eid.</summary>
        public string Id => Eid;

        public string Eid { get; set; }

        public string Sid { get; set; }

        /// <summary>READY or ERROR, as the sender says.</summary>
        public string State { get; set; }

        /// <summary>Why processing failed (ERROR only).</summary>
        public string ErrorReason { get; set; }

        public DateTime ReceivedAt { get; set; }

        string IJobEvent.RemoteId => Eid;

        public override string ToString() => $"{EventType} {Eid}";
    }
}
