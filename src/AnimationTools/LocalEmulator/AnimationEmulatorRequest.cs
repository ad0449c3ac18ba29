using System;
using System.Text.Json.Nodes;

namespace AnimationTools.LocalEmulator
{
    /// <summary>
    /// A request the emulator received, from its request log. Headers are left out: the log holds them as received,
    /// credentials included.
    /// </summary>
    public sealed class AnimationEmulatorRequest
    {
        /// <summary>Order of arrival (1 = first since the start or the last reset).</summary>
        public long Seq { get; internal set; }

        public EmulatedService? Service { get; internal set; }

        public string Method { get; internal set; }

        /// <summary>The full path, service prefix included (<c>/deepmotion/process</c>).</summary>
        public string Path { get; internal set; }

        /// <summary>The raw query string, without <c>?</c>.</summary>
        public string Query { get; internal set; }

        /// <summary>The status the client was sent (null when the connection was aborted before an answer).</summary>
        public int? Status { get; internal set; }

        /// <summary>The status the emulator's handler produced, when a fault replaced it or the answer was lost.</summary>
        public int? HandlerStatus { get; internal set; }

        /// <summary>The kind of fault injected into this request, or null.</summary>
        public string Fault { get; internal set; }

        /// <summary>True when the connection was aborted (a drop or lostResponse fault, or the client went away).</summary>
        public bool Aborted { get; internal set; }

        /// <summary>Request body bytes the emulator read.</summary>
        public long BodyLength { get; internal set; }

        public DateTimeOffset StartedAt { get; internal set; }

        internal static AnimationEmulatorRequest FromJson(JsonObject json)
        {
            var handlerStatus = (int?)json["status"];
            var sentStatus = (int?)json["sentStatus"];
            var aborted = (bool?)json["aborted"] ?? false;
            return new AnimationEmulatorRequest
            {
                Seq = (long?)json["seq"] ?? 0,
                Service = json["service"] is JsonNode service ? EmulatedServiceNames.FromSegment((string)service) : null,
                Method = (string)json["method"],
                Path = (string)json["path"],
                Query = (string)json["query"],
                Status = aborted ? null : sentStatus ?? handlerStatus,
                HandlerStatus = handlerStatus,
                Fault = (string)json["fault"],
                Aborted = aborted,
                BodyLength = (long?)json["bodyLength"] ?? 0,
                StartedAt = json["startedAt"] is JsonNode started ? started.GetValue<DateTimeOffset>() : default,
            };
        }
    }
}
