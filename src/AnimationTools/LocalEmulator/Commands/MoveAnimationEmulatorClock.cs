using System;
using System.Management.Automation;
using System.Text.Json.Nodes;

namespace AnimationTools.LocalEmulator.Commands
{
    /// <summary>
    /// Moves a service's clock in the emulator forward (or back), so that what expires with time (Danim's preloaded
    /// file ids ...) expires now. Writes the service's new time (UTC).
    /// </summary>
    [Cmdlet(VerbsCommon.Move, "AnimationEmulatorClock", HelpUri = "https://github.com/animationtools/AnimationTools/blob/main/docs/Move-AnimationEmulatorClock.md")]
    [OutputType(typeof(DateTime))]
    public sealed class MoveAnimationEmulatorClock : EmulatorCmdlet
    {
        /// <summary>How far to move the clock; negative moves it back.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        public TimeSpan By { get; set; }

        /// <summary>The service whose clock moves. Danim is the service whose emulation keeps a clock of its own.</summary>
        [Parameter]
        [ValidateSet("Danim")]
        public string Service { get; set; } = "Danim";

        protected override void ProcessItem()
        {
            var control = Control;
            var body = new JsonObject { ["advanceClockSeconds"] = By.TotalSeconds };
            var settings = Run(token => control.PostHookAsync("danim/config", body, token));
            WriteObject(settings["now"].GetValue<DateTimeOffset>().UtcDateTime);
        }
    }
}
