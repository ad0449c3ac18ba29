using System.Management.Automation;
using AnimationTools.Core.Cmdlets;
using AnimationTools.Core.Errors;

namespace AnimationTools.HourOne.Commands
{
    /// <summary>Downloads rendered videos into a folder as &lt;id&gt;.mp4 (resuming an interrupted download) and returns them with File set.</summary>
    [Cmdlet(VerbsData.Save, "HourOneVideo", HelpUri = "https://github.com/animationtools/AnimationTools/blob/main/docs/Save-HourOneVideo.md")]
    [OutputType(typeof(HourOneVideo))]
    public sealed class SaveHourOneVideo : AnimationCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("VideoId")]
        [ArgumentCompleter(typeof(HourOneVideoIdCompleter))]
        [ValidateNotNullOrEmpty]
        public string[] Id { get; set; }

        /// <summary>The folder to save into (created when missing).</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [ValidateNotNullOrEmpty]
        public string Destination { get; set; }

        [Parameter]
        public HourOneSession Session { get; set; }

        protected override void ProcessItem()
        {
            var session = ResolveSession(Session, HourOneSession.ServiceName, "Connect-HourOne");
            var folder = GetUnresolvedProviderPathFromPSPath(Destination);
            foreach (var id in Id)
            {
                try
                {
                    var saved = Run(async token =>
                    {
                        // Fresh: the download URL may be signed for a short time.
                        var dto = await session.Client.GetVideoAsync(id, token).ConfigureAwait(false);
                        var video = HourOneModels.ToVideo(dto);
                        video.File = await session.Client.DownloadVideoAsync(dto, folder, token).ConfigureAwait(false);
                        return video;
                    });
                    WriteObject(saved);
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
