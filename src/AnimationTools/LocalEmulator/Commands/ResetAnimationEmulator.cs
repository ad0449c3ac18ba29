using System.Management.Automation;

namespace AnimationTools.LocalEmulator.Commands
{
    /// <summary>Returns the emulator to its state at start: no jobs, uploads, faults, logged requests, and its settings restored.</summary>
    [Cmdlet(VerbsCommon.Reset, "AnimationEmulator", HelpUri = "https://github.com/animationtools/AnimationTools/blob/main/docs/Reset-AnimationEmulator.md")]
    [OutputType(typeof(AnimationEmulator))]
    public sealed class ResetAnimationEmulator : EmulatorCmdlet
    {
        /// <summary>Writes the emulator to the pipeline.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessItem()
        {
            var control = Control;
            Run(token => control.ResetAsync(token));
            if (PassThru)
            {
                WriteObject(ResolveEmulator());
            }
        }
    }
}
