using System.Management.Automation;
using AnimationTools.Core.Cmdlets;

namespace AnimationTools.DeepMotion.Commands
{
    /// <summary>Reads the width, height, frame rate, duration and codec DeepMotion sees in an uploaded video.</summary>
    [Cmdlet(VerbsCommon.Get, "VideoInfo", HelpUri = "https://github.com/animationtools/AnimationTools/blob/main/docs/Get-VideoInfo.md")]
    [OutputType(typeof(VideoInfo))]
    public sealed class GetVideoInfo : AnimationCmdlet
    {
        /// <summary>The storage URL of an uploaded video (the Url of Send-Video's output).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string Url { get; set; }

        [Parameter]
        public DeepMotionSession Session { get; set; }

        protected override void ProcessItem()
        {
            var session = ResolveSession(Session, DeepMotionSession.ServiceName, "Connect-DeepMotion");
            WriteObject(Run(token => session.Client.GetVideoInfoAsync(Url, token)));
        }
    }
}
