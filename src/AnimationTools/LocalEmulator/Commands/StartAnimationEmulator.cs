using System;
using System.IO;
using System.Management.Automation;
using AnimationTools.Core.Cmdlets;
using AnimationTools.Core.Errors;

namespace AnimationTools.LocalEmulator.Commands
{
    /// <summary>Starts the module's emulator of every service on 127.0.0.1, as a child process of this PowerShell.</summary>
    [Cmdlet(VerbsLifecycle.Start, "AnimationEmulator", HelpUri = "https://github.com/animationtools/AnimationTools/blob/main/docs/Start-AnimationEmulator.md")]
    [OutputType(typeof(AnimationEmulator))]
    public sealed class StartAnimationEmulator : AnimationCmdlet
    {
        /// <summary>Loopback port to listen on; 0 (the default) picks a free one.</summary>
        [Parameter(Position = 0)]
        [ValidateRange(0, 65535)]
        public int Port { get; set; }

        /// <summary>How long a DeepMotion job takes from its start to its end; the emulator's default is 3 s.</summary>
        [Parameter]
        [ValidateRange(0, 3600)]
        public double JobSeconds { get; set; } = 3;

        protected override void ProcessItem()
        {
            var launcher = new EmulatorLauncher(EmulatorFolder());
            AnimationEmulator emulator = null;
            try
            {
                emulator = launcher.Start(Port, JobSeconds, Cancellation);
            }
            catch (AnimationToolsException ex)
            {
                // Nothing after it can work without the emulator.
                ThrowFailure(ex);
            }
            catch (OperationCanceledException) when (Cancellation.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
            RunningEmulators.Add(emulator);
            WriteVerbose($"The emulator listens at {emulator.BaseUrl} (process {emulator.ProcessId}).");
            WriteObject(emulator);
        }

        /// <summary><c>&lt;ModuleBase&gt;/bin/emulator</c>; beside the assembly when it was imported without its manifest.</summary>
        string EmulatorFolder()
        {
            var moduleBase = MyInvocation.MyCommand.Module?.ModuleBase;
            var assemblyFolder = Path.GetDirectoryName(typeof(StartAnimationEmulator).Assembly.Location);
            var fromManifest = moduleBase == null ? null : Path.Combine(moduleBase, "bin", "emulator");
            return fromManifest != null && Directory.Exists(fromManifest) ? fromManifest : Path.Combine(assemblyFolder ?? ".", "emulator");
        }
    }
}
