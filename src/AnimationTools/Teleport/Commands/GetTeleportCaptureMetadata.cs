using System.Management.Automation;
using AnimationTools.Core.Cmdlets;
using AnimationTools.Core.Errors;
using AnimationTools.Teleport.Metadata;

namespace AnimationTools.Teleport.Commands
{
    /// <summary>
    /// Gets a READY capture's metadata (GET /share/{sid}/metadata): one model per content profile asked for, with its
    /// URL and size, and the camera poses. Captures bind from the pipeline (by Sid, else by Eid).
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "TeleportCaptureMetadata", HelpUri = "https://github.com/animationtools/AnimationTools/blob/main/docs/Get-TeleportCaptureMetadata.md")]
    [OutputType(typeof(TeleportCaptureMetadata))]
    public sealed class GetTeleportCaptureMetadata : AnimationCmdlet
    {
        /// <summary>The share id (a capture's Sid).</summary>
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [AllowNull]
        [AllowEmptyString]
        public string Sid { get; set; }

        /// <summary>The capture's eid, used to find its share id when no -Sid is given.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(TeleportEidCompleter))]
        [AllowNull]
        [AllowEmptyString]
        public string Eid { get; set; }

        /// <summary>Content profiles: ply (the full point cloud), sogs-sh0, fragment-chunk1, fragment-float16, ksplat-v2-compress0..2.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(TeleportProfileCompleter))]
        [ValidateNotNullOrEmpty]
        public string[] Profile { get; set; } = { "ply" };

        /// <summary>sd or hd.</summary>
        [Parameter]
        [ValidateSet("sd", "hd")]
        public string Quality { get; set; } = "sd";

        /// <summary>Asks for the level-of-detail hierarchy.</summary>
        [Parameter]
        public SwitchParameter Lod { get; set; }

        [Parameter]
        public TeleportSession Session { get; set; }

        protected override void ProcessItem()
        {
            var session = ResolveSession(Session, TeleportSession.ServiceName, "Connect-Teleport");
            if (string.IsNullOrEmpty(Sid) && string.IsNullOrEmpty(Eid))
            {
                throw new AnimationToolsException("Teleport.InvalidParameter.Sid", ErrorCategory.InvalidArgument,
                    "Give -Sid (a capture's share id), -Eid, or pipe a capture.", null, "Sid");
            }
            WriteObject(Run(token => session.Metadata.GetMetadataAsync(Sid, Eid, Profile, Quality, Lod, token)));
        }
    }
}
