using System.Text.Json.Nodes;

namespace AnimationTools.LocalEmulator
{
    /// <summary>A fault registered in the emulator: which requests it affects and what it does to them.</summary>
    public sealed class AnimationEmulatorFault
    {
        /// <summary>The emulator's id of the fault (for Clear-AnimationEmulatorFault -Id).</summary>
        public string Id { get; internal set; }

        /// <summary>The service whose requests it matches; null: any service.</summary>
        public EmulatedService? Service { get; internal set; }

        /// <summary>The HTTP method it matches; null: any method.</summary>
        public string Method { get; internal set; }

        /// <summary>Regular expression matched against the request's full path (<c>^/deepmotion/process$</c>).</summary>
        public string Path { get; internal set; }

        /// <summary>What it does: status, drop, delay, lostResponse ... (the kinds of docs/emulator.md).</summary>
        public string Kind { get; internal set; }

        /// <summary>The status answered by a status fault.</summary>
        public int? Status { get; internal set; }

        /// <summary>Seconds sent in Retry-After.</summary>
        public int? RetryAfter { get; internal set; }

        /// <summary>Milliseconds a delay fault waits.</summary>
        public int? DelayMs { get; internal set; }

        /// <summary>How many matching requests it affects.</summary>
        public int Count { get; internal set; }

        /// <summary>How many matching requests it lets pass first.</summary>
        public int Skip { get; internal set; }

        /// <summary>How many requests it has affected so far.</summary>
        public int Applied { get; internal set; }

        /// <summary>How many more requests it will affect.</summary>
        public int Remaining { get; internal set; }

        internal static AnimationEmulatorFault FromJson(JsonObject json) => new AnimationEmulatorFault
        {
            Id = (string)json["id"],
            Service = json["service"] is JsonNode service ? EmulatedServiceNames.FromSegment((string)service) : null,
            Method = (string)json["method"],
            Path = (string)json["path"],
            Kind = (string)json["kind"],
            Status = (int?)json["status"],
            RetryAfter = (int?)json["retryAfter"],
            DelayMs = (int?)json["delayMs"],
            Count = (int?)json["count"] ?? 0,
            Skip = (int?)json["skip"] ?? 0,
            Applied = (int?)json["applied"] ?? 0,
            Remaining = (int?)json["remaining"] ?? 0,
        };
    }
}
