using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using AnimationTools.Core.Cmdlets;
using AnimationTools.Core.Errors;
using AnimationTools.Core.Transfer;

namespace AnimationTools.DeepMotion.Commands
{
    /// <summary>Uploads videos (or images for a static pose) to DeepMotion storage; resumable by default.</summary>
    [Cmdlet(VerbsCommunications.Send, "Video", DefaultParameterSetName = PathSet, HelpUri = "https://github.com/animationtools/AnimationTools/blob/main/docs/Send-Video.md")]
    [OutputType(typeof(UploadedVideo))]
    public sealed class SendVideo : AnimationCmdlet
    {
        const string PathSet = "Path";
        const string LiteralPathSet = "LiteralPath";

        static readonly string[] VideoExtensions = { ".mp4", ".mov", ".avi", ".mkv", ".webm", ".m4v", ".mpg", ".mpeg", ".wmv", ".flv", ".3gp" };
        static readonly string[] ImageExtensions = { ".png", ".jpg", ".jpeg" };

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipeline = true)]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        public string[] Path { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
        [Alias("PSPath", "FullName", "LP")]
        [ValidateNotNullOrEmpty]
        public string[] LiteralPath { get; set; }

        /// <summary>Upload each file in one PUT instead of the resumable protocol.</summary>
        [Parameter]
        public SwitchParameter SinglePut { get; set; }

        /// <summary>Bytes per PUT of a resumable upload: a multiple of 256 KiB.</summary>
        [Parameter]
        [ValidateRange(ResumableUpload.ChunkQuantum, 1024 * 1024 * 1024)]
        public int ChunkSize { get; set; } = 8 * 1024 * 1024;

        [Parameter]
        public DeepMotionSession Session { get; set; }

        protected override void BeginProcessing()
        {
            if (ChunkSize % ResumableUpload.ChunkQuantum != 0)
            {
                ThrowFailure(new AnimationToolsException("DeepMotion.InvalidParameter.ChunkSize", ErrorCategory.InvalidArgument,
                    "The chunk size must be a multiple of 256 KiB (262144 bytes).", null, ChunkSize));
            }
        }

        protected override void ProcessItem()
        {
            var session = ResolveSession(Session, DeepMotionSession.ServiceName, "Connect-DeepMotion");
            foreach (var file in ResolveFiles())
            {
                try
                {
                    var uploaded = Run(token => session.Client.UploadAsync(file, !SinglePut, ChunkSize, token));
                    WriteObject(uploaded);
                }
                catch (AnimationToolsException ex)
                {
                    ex.Target = ex.Target ?? file;
                    WriteError(ex.ToErrorRecord());
                }
            }
        }

        IEnumerable<string> ResolveFiles()
        {
            var files = new List<string>();
            if (ParameterSetName == LiteralPathSet)
            {
                foreach (var literal in LiteralPath)
                {
                    files.Add(GetUnresolvedProviderPathFromPSPath(literal));
                }
            }
            else
            {
                foreach (var pattern in Path)
                {
                    try
                    {
                        files.AddRange(GetResolvedProviderPathFromPSPath(pattern, out _));
                    }
                    catch (ItemNotFoundException ex)
                    {
                        WriteError(new ErrorRecord(ex, "DeepMotion.FileNotFound", ErrorCategory.ObjectNotFound, pattern));
                    }
                }
            }

            foreach (var file in files)
            {
                if (Directory.Exists(file))
                {
                    WriteError(new AnimationToolsException("DeepMotion.NotAFile", ErrorCategory.InvalidArgument, $"'{file}' is a folder; give video or image files.", null, file).ToErrorRecord());
                    continue;
                }
                if (!File.Exists(file))
                {
                    WriteError(new AnimationToolsException("DeepMotion.FileNotFound", ErrorCategory.ObjectNotFound, $"The file '{file}' does not exist.", null, file).ToErrorRecord());
                    continue;
                }
                var extension = System.IO.Path.GetExtension(file).ToLowerInvariant();
                if (!VideoExtensions.Contains(extension) && !ImageExtensions.Contains(extension))
                {
                    WriteError(new AnimationToolsException("DeepMotion.UnsupportedFileType", ErrorCategory.InvalidArgument,
                        $"'{System.IO.Path.GetFileName(file)}' is not a video or image DeepMotion takes ({string.Join(", ", VideoExtensions.Concat(ImageExtensions))}).", null, file).ToErrorRecord());
                    continue;
                }
                yield return file;
            }
        }
    }
}
