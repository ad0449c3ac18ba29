using System.Text.Json.Nodes;

namespace AnimationTools.LocalEmulator
{
    /// <summary>The body of <c>POST /_emulator/faults</c>, built by Add-AnimationEmulatorFault.</summary>
    internal sealed class FaultDefinition
    {
        public EmulatedService? Service { get; set; }
        public string Method { get; set; }
        public string Path { get; set; }
        public string Kind { get; set; }
        public int? Status { get; set; }
        public int? RetryAfter { get; set; }
        public int? DelayMs { get; set; }
        public string Body { get; set; }
        public int Count { get; set; } = 1;
        public int Skip { get; set; }

        public JsonObject ToJson()
        {
            var json = new JsonObject { ["path"] = Path, ["kind"] = Kind, ["count"] = Count, ["skip"] = Skip };
            if (Service is EmulatedService service)
            {
                json["service"] = service.Segment();
            }
            if (Method != null)
            {
                json["method"] = Method.ToUpperInvariant();
            }
            if (Status != null)
            {
                json["status"] = Status;
            }
            if (RetryAfter != null)
            {
                json["retryAfter"] = RetryAfter;
            }
            if (DelayMs != null)
            {
                json["delayMs"] = DelayMs;
            }
            if (Body != null)
            {
                json["body"] = Body;
            }
            return json;
        }

        public AnimationEmulatorFault Registered(string id) => new AnimationEmulatorFault
        {
            Id = id,
            Service = Service,
            Method = Method?.ToUpperInvariant(),
            Path = Path,
            Kind = Kind,
            Status = Status,
            RetryAfter = RetryAfter,
            DelayMs = DelayMs,
            Count = Count,
            Skip = Skip,
            Remaining = Count,
        };
    }
}
