using System.Management.Automation;
using AnimationTools.Core.Errors;

namespace AnimationTools.Danim.Commands
{
    /// <summary>Changes a video's name or description (/write/video/change) and returns the video as it is now.</summary>
    [Cmdlet(VerbsCommon.Set, "DanimVideo", SupportsShouldProcess = true, HelpUri = "https://github.com/animationtools/AnimationTools/blob/main/docs/Set-DanimVideo.md")]
    [OutputType(typeof(DanimVideo))]
    public sealed class SetDanimVideo : DanimCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("VideoId")]
        [ArgumentCompleter(typeof(DanimVideoIdCompleter))]
        [ValidateNotNullOrEmpty]
        public string Id { get; set; }

        [Parameter]
        public string Name { get; set; }

        [Parameter]
        public string Description { get; set; }

        protected override void ProcessItem()
        {
            var session = ResolvedSession;
            var name = Name;
            var description = Description;
            if (name == null && description == null)
            {
                ThrowFailure(new AnimationToolsException(DanimErrorIds.NothingToChange, ErrorCategory.InvalidArgument, "Give -Name or -Description (or both).", null, Id));
            }
            if (!ShouldProcess(Id, "Change the video"))
            {
                return;
            }
            try
            {
                Run(token => session.Client.ChangeAsync(Id, name, description, token));
                WriteObject(DanimModels.ToVideo(Run(token => session.Client.GetVideoAsync(Id, token))));
            }
            catch (AnimationToolsException ex)
            {
                WriteFailure(ex, Id);
            }
        }
    }
}
