using System;
using System.Linq;
using System.Management.Automation;

namespace AnimationTools.LocalEmulator.Commands
{
    /// <summary>Removes faults from the emulator: those given by -Id (or piped from Add-AnimationEmulatorFault), else all.</summary>
    [Cmdlet(VerbsCommon.Clear, "AnimationEmulatorFault", HelpUri = "https://github.com/animationtools/AnimationTools/blob/main/docs/Clear-AnimationEmulatorFault.md")]
    [OutputType(typeof(AnimationEmulatorFault))]
    public sealed class ClearAnimationEmulatorFault : EmulatorCmdlet
    {
        /// <summary>Ids of the faults to remove; without it every fault is removed.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        public string[] Id { get; set; }

        /// <summary>Writes the faults removed, as they were just before (how often each applied).</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessItem()
        {
            var control = Control;
            var before = PassThru ? Run(token => control.ListFaultsAsync(token)) : Array.Empty<AnimationEmulatorFault>();
            if (Id == null || Id.Length == 0)
            {
                Run(token => control.ClearFaultsAsync(token));
                WriteObject(before, enumerateCollection: true);
                return;
            }
            foreach (var id in Id)
            {
                if (Run(token => control.RemoveFaultAsync(id, token)))
                {
                    WriteObject(before.Where(f => f.Id == id), enumerateCollection: true);
                }
                else
                {
                    WriteVerbose($"No fault with id '{id}' is registered.");
                }
            }
        }
    }
}
