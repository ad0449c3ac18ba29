using System.IO;
using System.Linq;
using System.Management.Automation;
using AnimationTools.Core.Cmdlets;
using AnimationTools.Core.Errors;

namespace AnimationTools.DeepMotion.Commands
{
    /// <summary>Downloads the result files of finished DeepMotion jobs into a folder.</summary>
    [Cmdlet(VerbsData.Save, "Animation", HelpUri = "https://github.com/animationtools/AnimationTools/blob/main/docs/Save-Animation.md")]
    [OutputType(typeof(FileInfo))]
    public sealed class SaveAnimation : AnimationCmdlet
    {
        /// <summary>Request ids of successful jobs (the Rid of Receive-Job's output, or of a job).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidateNotNullOrEmpty]
        [ValidateRemoteId]
        [ArgumentCompleter(typeof(AnimationJobRidCompleter))]
        public string[] Rid { get; set; }

        [Parameter(Position = 1)]
        [ValidateNotNullOrEmpty]
        public string Destination { get; set; } = ".";

        /// <summary>Only these formats (all when omitted).</summary>
        [Parameter]
        [ValidateSet("bvh", "fbx", "mp4", "glb", "png", "jpg", "dmpe", IgnoreCase = true)]
        public string[] Format { get; set; }

        /// <summary>Keeps the zip archives (bvh, fbx, glb) beside the files extracted from them.</summary>
        [Parameter]
        public SwitchParameter KeepArchive { get; set; }

        [Parameter]
        public DeepMotionSession Session { get; set; }

        protected override void ProcessItem()
        {
            var session = ResolveSession(Session, DeepMotionSession.ServiceName, "Connect-DeepMotion");
            var destination = GetUnresolvedProviderPathFromPSPath(Destination);
            var links = Run(token => session.Client.GetDownloadLinksAsync(Rid, token));
            foreach (var rid in Rid)
            {
                var link = links.FirstOrDefault(l => l.Rid == rid);
                if (link?.Urls == null)
                {
                    WriteError(new AnimationToolsException("DeepMotion.ResultNotReady", ErrorCategory.ResourceUnavailable,
                        $"Job '{rid}' has no results to download: it has not finished, it failed, or it does not exist.", null, rid)
                    {
                        RecommendedAction = "Check the job with Get-AnimationJob -Id " + rid + ".",
                    }.ToErrorRecord());
                    continue;
                }
                var result = DeepMotionClient.ToResult(link);
                if (Format != null && !result.Files.Any(f => Format.Contains(f.Format, System.StringComparer.OrdinalIgnoreCase)))
                {
                    WriteWarning($"Job '{rid}' has no {string.Join("/", Format)} output; it offers {string.Join(", ", result.Files.Select(f => f.Format).Distinct())}.");
                    continue;
                }
                try
                {
                    var files = Run(token => AnimationDownload.SaveAsync(session.Client, result, destination, Format, KeepArchive, token));
                    WriteObject(files, enumerateCollection: true);
                }
                catch (AnimationToolsException ex)
                {
                    WriteError(ex.ToErrorRecord());
                }
            }
        }
    }
}
