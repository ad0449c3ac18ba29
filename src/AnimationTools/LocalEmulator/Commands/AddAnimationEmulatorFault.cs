using System;
using System.Management.Automation;

namespace AnimationTools.LocalEmulator.Commands
{
    /// <summary>
    /// Makes the emulator fail some of its next requests: an error status (a throttled or failing service), a lost
    /// answer (the work done, the answer never arrives), a dropped connection or a delay.
    /// </summary>
    [Cmdlet(VerbsCommon.Add, "AnimationEmulatorFault", DefaultParameterSetName = StatusSet,
        HelpUri = "https://github.com/animationtools/AnimationTools/blob/main/docs/Add-AnimationEmulatorFault.md")]
    [OutputType(typeof(AnimationEmulatorFault))]
    public sealed class AddAnimationEmulatorFault : EmulatorCmdlet
    {
        const string StatusSet = "Status";
        const string LostResponseSet = "LostResponse";
        const string DropSet = "Drop";
        const string DelaySet = "Delay";

        /// <summary>Only requests to this service.</summary>
        [Parameter(Position = 0)]
        public EmulatedService? Service { get; set; }

        /// <summary>Regular expression matched against the request's full path (<c>^/deepmotion/process$</c>); by default every path of -Service.</summary>
        [Parameter(Position = 1)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; }

        /// <summary>Only requests with this HTTP method.</summary>
        [Parameter]
        [ValidateSet("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD")]
        public string Method { get; set; }

        /// <summary>Answer with this HTTP status without doing the work (429 for a throttled service, 503 ...).</summary>
        [Parameter(Mandatory = true, ParameterSetName = StatusSet)]
        [ValidateRange(100, 599)]
        public int Status { get; set; }

        /// <summary>Seconds to send in Retry-After with -Status.</summary>
        [Parameter(ParameterSetName = StatusSet)]
        [ValidateRange(0, 86400)]
        public int RetryAfterSeconds { get; set; } = -1;

        /// <summary>Do the work, then abort the connection instead of answering: the client cannot know it was done.</summary>
        [Parameter(Mandatory = true, ParameterSetName = LostResponseSet)]
        public SwitchParameter LostResponse { get; set; }

        /// <summary>Abort the connection before answering (the work may be half done, as with a cut upload).</summary>
        [Parameter(Mandatory = true, ParameterSetName = DropSet)]
        public SwitchParameter Drop { get; set; }

        /// <summary>Wait this long before handling the request.</summary>
        [Parameter(Mandatory = true, ParameterSetName = DelaySet)]
        [ValidateRange(0.001, 3600)]
        public double DelaySeconds { get; set; }

        /// <summary>How many matching requests to affect (1 by default).</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int Count { get; set; } = 1;

        /// <summary>How many matching requests to let pass first (0 by default).</summary>
        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        public int Skip { get; set; }

        protected override void ProcessItem()
        {
            var fault = new FaultDefinition
            {
                Service = Service,
                Method = Method,
                Path = Path ?? (Service is EmulatedService service ? "^/" + service.Segment() + "/" : "^/"),
                Count = Count,
                Skip = Skip,
            };
            switch (ParameterSetName)
            {
                case StatusSet:
                    fault.Kind = "status";
                    fault.Status = Status;
                    fault.RetryAfter = RetryAfterSeconds >= 0 ? RetryAfterSeconds : (int?)null;
                    break;
                case LostResponseSet:
                    fault.Kind = "lostResponse";
                    break;
                case DropSet:
                    fault.Kind = "drop";
                    break;
                case DelaySet:
                    fault.Kind = "delay";
                    fault.DelayMs = (int)Math.Ceiling(DelaySeconds * 1000);
                    break;
            }
            var control = Control;
            WriteObject(Run(token => control.AddFaultAsync(fault, token)));
        }
    }
}
