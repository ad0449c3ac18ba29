using System.IO;
using System.Management.Automation;
using AnimationTools.Core.Errors;

namespace AnimationTools.Danim.Commands
{
    /// <summary>Downloads the mp4 of DONE videos (resuming, length-checked) and returns the files.</summary>
    [Cmdlet(VerbsData.Save, "DanimVideo", HelpUri = "https://github.com/animationtools/AnimationTools/blob/main/docs/Save-DanimVideo.md")]
    [OutputType(typeof(FileInfo))]
    public sealed class SaveDanimVideo : DanimCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("VideoId")]
        [ArgumentCompleter(typeof(DanimVideoIdCompleter))]
        [ValidateNotNullOrEmpty]
        public string[] Id { get; set; }

        /// <summary>A folder (the file is named after the video), or a path ending in .mp4.</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [ValidateNotNullOrEmpty]
        public string Destination { get; set; }

        protected override void ProcessItem()
        {
            var session = ResolvedSession;
            var destination = GetUnresolvedProviderPathFromPSPath(Destination);
            foreach (var id in Id)
            {
                try
                {
                    var video = DanimModels.ToVideo(Run(token => session.Client.GetVideoAsync(id, token)));
                    if (video.State != "DONE" || string.IsNullOrEmpty(video.RawUrl))
                    {
                        throw new AnimationToolsException(DanimErrorIds.VideoNotDone, ErrorCategory.InvalidOperation,
                            $"Video {id} is {video.State}; only a DONE video has an mp4 to save.", null, id)
                        {
                            RecommendedAction = video.State == "DRAFT" ? "Generate it first: Start-DanimVideo -Id " + id + " | Wait-Job." : "Wait for its job, or look again later.",
                        };
                    }
                    WriteObject(Run(token => session.Client.DownloadAsync(video.RawUrl, DanimPaths.VideoFile(destination, video), token)));
                }
                catch (AnimationToolsException ex)
                {
                    WriteFailure(ex, id);
                }
            }
        }
    }
}
