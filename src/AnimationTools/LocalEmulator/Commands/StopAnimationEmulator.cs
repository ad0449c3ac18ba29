using System;
using System.Management.Automation;
using AnimationTools.Core.Cmdlets;
using AnimationTools.Core.Errors;

namespace AnimationTools.LocalEmulator.Commands
{
    /// <summary>Stops an emulator started by Start-AnimationEmulator and waits until its process has ended.</summary>
    [Cmdlet(VerbsLifecycle.Stop, "AnimationEmulator", HelpUri = "https://github.com/animationtools/AnimationTools/blob/main/docs/Stop-AnimationEmulator.md")]
    [OutputType(typeof(AnimationEmulator))]
    public sealed class StopAnimationEmulator : AnimationCmdlet
    {
        /// <summary>The emulator to stop (pipeline input); by default the last one started.</summary>
        [Parameter(Position = 0, ValueFromPipeline = true)]
        [ValidateNotNull]
        public AnimationEmulator Emulator { get; set; }

        /// <summary>Writes the stopped emulator to the pipeline.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessItem()
        {
            var emulator = RunningEmulators.Resolve(Emulator);
            if (!emulator.Stop(TimeSpan.FromSeconds(10)))
            {
                throw new AnimationToolsException(EmulatorErrors.NotRunning, ErrorCategory.OperationTimeout,
                    $"The emulator's process {emulator.ProcessId} did not end within 10 s.", target: emulator);
            }
            RunningEmulators.Remove(emulator);
            WriteVerbose($"The emulator at {emulator.BaseUrl} (process {emulator.ProcessId}) has stopped.");
            if (PassThru)
            {
                WriteObject(emulator);
            }
        }
    }
}
