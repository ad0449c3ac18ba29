using System.Management.Automation;

namespace AnimationTools.LocalEmulator.Commands
{
    /// <summary>The requests the emulator received, in order: what a script really sent, and what each got back.</summary>
    [Cmdlet(VerbsCommon.Get, "AnimationEmulatorRequest", HelpUri = "https://github.com/animationtools/AnimationTools/blob/main/docs/Get-AnimationEmulatorRequest.md")]
    [OutputType(typeof(AnimationEmulatorRequest))]
    public sealed class GetAnimationEmulatorRequest : EmulatorCmdlet
    {
        /// <summary>Only the requests to this service.</summary>
        [Parameter(Position = 0)]
        public EmulatedService? Service { get; set; }

        protected override void ProcessItem()
        {
            var control = Control;
            var service = Service?.Segment();
            WriteObject(Run(token => control.ListRequestsAsync(service, token)), enumerateCollection: true);
        }
    }
}
