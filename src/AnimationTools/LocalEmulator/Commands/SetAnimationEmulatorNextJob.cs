using System;
using System.Management.Automation;
using System.Text.Json.Nodes;
using AnimationTools.Core.Errors;

namespace AnimationTools.LocalEmulator.Commands
{
    /// <summary>
    /// Shapes the next job a service creates (a DeepMotion job, an avatar, a Teleport capture, an Hour One or Danim
    /// video): make it fail at its end with a reason, and/or take another time.
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "AnimationEmulatorNextJob", HelpUri = "https://github.com/animationtools/AnimationTools/blob/main/docs/Set-AnimationEmulatorNextJob.md")]
    [OutputType(typeof(AnimationEmulator))]
    public sealed class SetAnimationEmulatorNextJob : EmulatorCmdlet
    {
        /// <summary>The service whose next job is shaped.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateSet("DeepMotion", "AvatarSdk", "Teleport", "HourOne", "Danim")]
        public string Service { get; set; }

        /// <summary>The job fails at its end (as the service reports a failed job) instead of succeeding.</summary>
        [Parameter]
        public SwitchParameter Fail { get; set; }

        /// <summary>The failure's reason or message, where the service reports one (Avatar SDK, Teleport's error reason, Hour One, Danim).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string Reason { get; set; }

        /// <summary>The failure's error code, where the service has codes: DeepMotion's job error (513 by default), Avatar SDK's.</summary>
        [Parameter]
        public int? Code { get; set; }

        /// <summary>How long the job runs (its processing phase), instead of the configured time.</summary>
        [Parameter]
        [ValidateRange(0, 3600)]
        public double? DurationSeconds { get; set; }

        /// <summary>Writes the emulator to the pipeline.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessItem()
        {
            if (!Fail && (Reason != null || Code != null))
            {
                ThrowFailure(new AnimationToolsException("AnimationEmulator.FailRequired", ErrorCategory.InvalidArgument,
                    "-Reason and -Code describe a failure: add -Fail."));
            }
            var (route, body) = Hook((EmulatedService)Enum.Parse(typeof(EmulatedService), Service, ignoreCase: true));
            var control = Control;
            Run(token => control.PostHookAsync(route, body, token));
            if (PassThru)
            {
                WriteObject(ResolveEmulator());
            }
        }

        (string Route, JsonObject Body) Hook(EmulatedService service)
        {
            var durationMs = DurationSeconds is double seconds ? (int?)Math.Round(seconds * 1000) : null;
            var body = new JsonObject();
            void Set(string name, JsonNode value)
            {
                if (value != null)
                {
                    body[name] = value;
                }
            }
            switch (service)
            {
                case EmulatedService.DeepMotion:
                    Set("failWith", Fail ? Code ?? 513 : (int?)null);
                    Set("durationMs", durationMs);
                    return ("deepmotion/next-job", body);
                case EmulatedService.AvatarSdk:
                    Set("outcome", Fail ? "failed" : null);
                    Set("code", Code);
                    Set("message", Reason);
                    Set("computingMs", durationMs);
                    return ("avatarsdk/next-avatar", body);
                case EmulatedService.Teleport:
                    Set("errorReason", Fail ? Reason ?? "NOT_ENOUGH_FRAMES" : null);
                    Set("processingMs", durationMs);
                    return ("teleport/next-capture", body);
                case EmulatedService.HourOne:
                    Set("outcome", Fail ? "failed" : null);
                    Set("reason", Reason);
                    Set("processingMs", durationMs);
                    return ("hourone/next-video", body);
                default:
                    Set("fail", Fail ? true : (bool?)null);
                    Set("message", Reason);
                    Set("generatingMs", durationMs);
                    return ("danim/next-video", body);
            }
        }
    }
}
