using System.Management.Automation;

namespace AnimationTools.LocalEmulator.Commands
{
    /// <summary>Returns the emulator to its state at start: no jobs, uploads, faults, logged requests, and its settings restored.</summary>
    [Cmdlet(VerbsCommon.Reset, "AnimationEmulator", HelpUri = "https://github.com/animationtools/AnimationTools/blob/main/docs/Reset-AnimationEmulator.md")]
    [OutputType(typeof(void))]
    public sealed class ResetAnimationEmulator : EmulatorCmdlet
    {
        protected override void ProcessItem()
        {
            var control = Control;
            Run(token => control.ResetAsync(token));
        }
    }
}
