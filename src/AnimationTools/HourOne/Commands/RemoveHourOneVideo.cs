using System.Management.Automation;
using AnimationTools.Core.Cmdlets;
using AnimationTools.Core.Errors;

namespace AnimationTools.HourOne.Commands
{
    /// <summary>Deletes videos (DELETE /videos/{id}); they cannot be restored.</summary>
    [Cmdlet(VerbsCommon.Remove, "HourOneVideo", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, HelpUri = "https://github.com/animationtools/AnimationTools/blob/main/docs/Remove-HourOneVideo.md")]
    public sealed class RemoveHourOneVideo : AnimationCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("VideoId")]
        [ArgumentCompleter(typeof(HourOneVideoIdCompleter))]
        [ValidateNotNullOrEmpty]
        public string[] Id { get; set; }

        [Parameter]
        public HourOneSession Session { get; set; }

        protected override void ProcessItem()
        {
            var session = ResolveSession(Session, HourOneSession.ServiceName, "Connect-HourOne");
            foreach (var id in Id)
            {
                if (!ShouldProcess(id, "Delete the Hour One video"))
                {
                    continue;
                }
                try
                {
                    Run(token => session.Client.DeleteVideoAsync(id, token));
                }
                catch (AnimationToolsException ex)
                {
                    ex.Target = ex.Target ?? id;
                    WriteError(ex.ToErrorRecord());
                }
            }
        }
    }
}
