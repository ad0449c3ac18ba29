using System;

namespace AnimationTools.Core.Webhooks
{
    /// <summary>What every verified webhook event of every service shows, besides its own fields.</summary>
    public interface IWebhookEvent
    {
        /// <summary>The service that sent it, as sessions spell it (DeepMotion, Teleport ...).</summary>
        string Service { get; }

        /// <summary>What happened, e.g. job.completed or capture.ready.</summary>
        string EventType { get; }

        /// <summary>The service's id of the work the event is about (a rid, an eid, a video id).</summary>
        string Id { get; }

        DateTime ReceivedAt { get; }
    }
}
