using System.Management.Automation;
using AnimationTools.Core.Cmdlets;
using AnimationTools.Core.Errors;

namespace AnimationTools.Teleport.Commands
{
    /// <summary>Renames a capture (PUT /api/v1/captures/{eid}).</summary>
    [Cmdlet(VerbsCommon.Rename, "TeleportCapture", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, HelpUri = "https://github.com/animationtools/AnimationTools/blob/main/docs/Rename-TeleportCapture.md")]
    [OutputType(typeof(TeleportCapture))]
    public sealed class RenameTeleportCapture : AnimationCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(TeleportEidCompleter))]
        [ValidateNotNullOrEmpty]
        public string Eid { get; set; }

        [Parameter(Mandatory = true, Position = 1)]
        [ValidateNotNullOrEmpty]
        public string NewName { get; set; }

        /// <summary>Writes the renamed capture.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        [Parameter]
        public TeleportSession Session { get; set; }

        protected override void ProcessItem()
        {
            var session = ResolveSession(Session, TeleportSession.ServiceName, "Connect-Teleport");
            if (!ShouldProcess(Eid, $"Rename the capture to '{NewName}'"))
            {
                return;
            }
            try
            {
                var renamed = Run(token => session.Captures.RenameAsync(Eid, NewName, token));
                WriteVerbose($"Renamed capture {Eid} to '{renamed.Name}'.");
                if (PassThru)
                {
                    WriteObject(TeleportModels.ToCapture(renamed));
                }
            }
            catch (AnimationToolsException ex)
            {
                ex.Target = ex.Target ?? Eid;
                WriteError(ex.ToErrorRecord());
            }
        }
    }
}
