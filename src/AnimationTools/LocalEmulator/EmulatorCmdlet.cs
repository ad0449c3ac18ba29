using System.Management.Automation;
using AnimationTools.Core.Cmdlets;
using AnimationTools.Core.Errors;

namespace AnimationTools.LocalEmulator
{
    /// <summary>What the cmdlets that control a running emulator share: -Emulator, defaulting to the last one started.</summary>
    public abstract class EmulatorCmdlet : AnimationCmdlet
    {
        /// <summary>The emulator to act on; by default the one Start-AnimationEmulator started last in this process.</summary>
        [Parameter]
        [ValidateNotNull]
        public AnimationEmulator Emulator { get; set; }

        /// <summary>The control API client of -Emulator, or of the last emulator started (a terminating error when there is none).</summary>
        private protected EmulatorControlClient Control => new EmulatorControlClient(ResolveEmulator());

        protected AnimationEmulator ResolveEmulator()
        {
            try
            {
                return RunningEmulators.Resolve(Emulator);
            }
            catch (AnimationToolsException ex)
            {
                ThrowFailure(ex);
                return null;
            }
        }
    }
}
