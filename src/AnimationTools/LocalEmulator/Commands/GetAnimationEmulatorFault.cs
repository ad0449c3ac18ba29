using System.Linq;
using System.Management.Automation;

namespace AnimationTools.LocalEmulator.Commands
{
    /// <summary>Lists the faults registered in the emulator, with how often each applied and how many requests it has left.</summary>
    [Cmdlet(VerbsCommon.Get, "AnimationEmulatorFault", HelpUri = "https://github.com/animationtools/AnimationTools/blob/main/docs/Get-AnimationEmulatorFault.md")]
    [OutputType(typeof(AnimationEmulatorFault))]
    public sealed class GetAnimationEmulatorFault : EmulatorCmdlet
    {
        protected override void ProcessItem()
        {
            var control = Control;
            WriteObject(Run(token => control.ListFaultsAsync(token)), enumerateCollection: true);
        }
    }
}
