using System.Management.Automation;
using AnimationTools.Core.Cmdlets;
using AnimationTools.Core.Transfer;
using AnimationTools.Teleport.Captures;

namespace AnimationTools.Teleport.Commands
{
    /// <summary>
    /// Uploads a video, a zip of images or a folder of images as a new capture (parallel parts, resumable by running
    /// the command again), starts its processing, and returns a job that follows it to READY.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "TeleportCapture", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, HelpUri = "https://github.com/animationtools/AnimationTools/blob/main/docs/New-TeleportCapture.md")]
    [OutputType(typeof(CaptureJob))]
    public sealed class NewTeleportCapture : AnimationCmdlet
    {
        /// <summary>An .mp4 video, a .zip of images, or a folder of images.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName", "PSPath", "LiteralPath")]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; }

        /// <summary>The capture's name; the file's (or folder's) name by default.</summary>
        [Parameter(Position = 1)]
        [ValidateNotNullOrEmpty]
        public string Name { get; set; }

        /// <summary>video or bulk-images; told from the path when not given (.mp4, .zip, folder).</summary>
        [Parameter]
        [ValidateSet(CaptureSource.Video, CaptureSource.BulkImages)]
        public string InputFormat { get; set; }

        /// <summary>Parts uploaded at the same time.</summary>
        [Parameter]
        [ValidateRange(1, 32)]
        public int ThrottleLimit { get; set; } = 4;

        [Parameter]
        public TeleportSession Session { get; set; }

        protected override void ProcessItem()
        {
            var session = ResolveSession(Session, TeleportSession.ServiceName, "Connect-Teleport");
            var path = GetUnresolvedProviderPathFromPSPath(Path);
            var source = CaptureSource.Resolve(path, InputFormat);
            var name = Name ?? source.DefaultName;
            var what = source.Archive != null ? $"{source.Archive.Count} images of '{path}' as {source.Upload.Name}" : $"'{path}'";
            if (!ShouldProcess($"{what} ({TransferProgress.Size(source.Upload.Length)}, {source.InputFormat})", $"Create the Teleport capture '{name}' and start processing it"))
            {
                return;
            }
            var capture = Run(token => session.Uploads.UploadAsync(source, name, ThrottleLimit, token));
            var job = new CaptureJob(session, capture.Eid, capture.Name ?? name, MyInvocation.Line?.Trim());
            JobRepository.Add(job);
            job.Follow();
            WriteObject(job);
        }
    }
}
