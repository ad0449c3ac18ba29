using System.Management.Automation;
using AnimationTools.Core.Cmdlets;
using AnimationTools.Core.Errors;

namespace AnimationTools.Teleport.Commands
{
    /// <summary>Deletes captures and everything made from them (DELETE /api/v1/captures/{eid}). Asks first by default.</summary>
    [Cmdlet(VerbsCommon.Remove, "TeleportCapture", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, HelpUri = "https://github.com/animationtools/AnimationTools/blob/main/docs/Remove-TeleportCapture.md")]
    public sealed class RemoveTeleportCapture : AnimationCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(TeleportEidCompleter))]
        [ValidateNotNullOrEmpty]
        public string[] Eid { get; set; }

        [Parameter]
        public TeleportSession Session { get; set; }

        protected override void ProcessItem()
        {
            var session = ResolveSession(Session, TeleportSession.ServiceName, "Connect-Teleport");
            foreach (var eid in Eid)
            {
                if (!ShouldProcess(eid, "Delete the capture, its models and share links"))
                {
                    continue;
                }
                try
                {
                    Run(token => session.Captures.DeleteAsync(eid, token));
                    WriteVerbose($"Deleted capture {eid}.");
                }
                catch (AnimationToolsException ex)
                {
                    ex.Target = ex.Target ?? eid;
                    WriteError(ex.ToErrorRecord());
                }
            }
        }
    }
}
