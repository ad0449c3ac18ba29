using System.Management.Automation;
using AnimationTools.Core.Errors;

namespace AnimationTools.Danim.Commands
{
    /// <summary>Removes videos (/write/video/remove), in any state; a removed video is gone from reads, results and callbacks.</summary>
    [Cmdlet(VerbsCommon.Remove, "DanimVideo", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, HelpUri = "https://github.com/animationtools/AnimationTools/blob/main/docs/Remove-DanimVideo.md")]
    public sealed class RemoveDanimVideo : DanimCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("VideoId")]
        [ArgumentCompleter(typeof(DanimVideoIdCompleter))]
        [ValidateNotNullOrEmpty]
        public string[] Id { get; set; }

        protected override void ProcessItem()
        {
            var session = ResolvedSession;
            foreach (var id in Id)
            {
                if (!ShouldProcess(id, "Remove the Danim video"))
                {
                    continue;
                }
                try
                {
                    Run(token => session.Client.RemoveAsync(id, token));
                    session.KnownVideos.TryRemove(id, out _);
                }
                catch (AnimationToolsException ex)
                {
                    WriteFailure(ex, id);
                }
            }
        }
    }
}
