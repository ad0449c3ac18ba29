using System;
using System.Collections.Generic;
using System.Security;
using System.Text.Json.Serialization;
using AnimationTools.Core.Errors;
using AnimationTools.Core.Webhooks;

namespace AnimationTools.DeepMotion.Webhooks
{
    sealed class WebhookEndpointBody
    {
        [JsonPropertyName("url")] public string Url { get; set; }
        [JsonPropertyName("events")] public List<string> Events { get; set; }
    }

    sealed class WebhookEndpointWire
    {
        [JsonPropertyName("id"), JsonRequired] public string Id { get; set; }
        [JsonPropertyName("object")] public string Object { get; set; }
        [JsonPropertyName("url")] public string Url { get; set; }
        [JsonPropertyName("events")] public List<string> Events { get; set; }
        [JsonPropertyName("deleted")] public bool? Deleted { get; set; }
    }

    sealed class WebhookEndpointList
    {
        [JsonPropertyName("count")] public int Count { get; set; }
        [JsonPropertyName("endpoints"), JsonRequired] public List<WebhookEndpointWire> Endpoints { get; set; }
    }

    /// <summary>
    /// A URL DeepMotion posts events to. A secret token embedded in the URL is never shown: <see cref="Url"/> masks it,
    /// and <see cref="GetSecretToken"/> hands it out as a SecureString for a receiver in another process.
    /// </summary>
    public sealed class WebhookEndpoint
    {
        readonly SecureString _token;

        internal WebhookEndpoint(string id, string registeredUrl, IReadOnlyList<string> events, SecureString token)
        {
            Id = id;
            Url = Redactor.Redact(registeredUrl);
            Events = events ?? new string[0];
            _token = token;
        }

        public string Id { get; }

        /// <summary>The registered URL with any secret token masked.</summary>
        public string Url { get; }

        public IReadOnlyList<string> Events { get; }

        /// <summary>Whether the registered URL carries a secret token that receivers require.</summary>
        public bool HasSecretToken => _token != null;

        /// <summary>The secret token of the URL (for Start-WebhookListener -Token in another process), or null.</summary>
        public SecureString GetSecretToken() => _token?.Copy();

        public override string ToString() => Id;
    }

    /// <summary>
    /// A verified DeepMotion event, e.g. job.completed for a request id. Its <see cref="Status"/> is what the sender
    /// claims; the session's job for the rid asks the service and completes from that answer.
    /// </summary>
    public sealed class DeepMotionWebhookEvent : IJobEvent, IWebhookEvent
    {
        /// <summary>DeepMotion.</summary>
        public string Service => DeepMotionSession.ServiceName;

        public string EventType { get; set; }

        /// <summary>The work the event is about: the job's request id (the same as <see cref="Rid"/>).</summary>
        public string Id => Rid;

        /// <summary>The request id of the job (data.taskId).</summary>
        public string Rid { get; set; }

        /// <summary>success or failure.</summary>
        public string Status { get; set; }

        public DateTime ReceivedAt { get; set; }

        string IJobEvent.RemoteId => EventType == "job.completed" ? Rid : null;

        public override string ToString() => $"{EventType} {Rid} {Status}";
    }
}
