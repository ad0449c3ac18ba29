using System.Management.Automation;
using AnimationTools.Core.Cmdlets;
using AnimationTools.DeepMotion.Characters;

namespace AnimationTools.DeepMotion.Commands
{
    /// <summary>Uploads a custom character model (fbx, glb, gltf, vrm) with an optional thumbnail and stores it.</summary>
    [Cmdlet(VerbsCommunications.Send, "CharacterModel", DefaultParameterSetName = ThumbnailSet, HelpUri = "https://github.com/animationtools/AnimationTools/blob/main/docs/Send-CharacterModel.md")]
    [OutputType(typeof(CharacterModel))]
    public sealed class SendCharacterModel : AnimationCmdlet
    {
        const string ThumbnailSet = "Thumbnail";
        const string CreateThumbnailSet = "CreateThumbnail";

        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName", "PSPath", "LiteralPath")]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; }

        /// <summary>A png or jpg image shown for the model.</summary>
        [Parameter(ParameterSetName = ThumbnailSet)]
        [ValidateNotNullOrEmpty]
        public string ThumbnailPath { get; set; }

        /// <summary>Let the service render a thumbnail.</summary>
        [Parameter(Mandatory = true, ParameterSetName = CreateThumbnailSet)]
        public SwitchParameter CreateThumbnail { get; set; }

        /// <summary>Display name (default: the file's base name).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string Name { get; set; }

        [Parameter]
        public DeepMotionSession Session { get; set; }

        protected override void ProcessItem()
        {
            var session = ResolveSession(Session, DeepMotionSession.ServiceName, "Connect-DeepMotion");
            var model = ModelFile.Check(GetUnresolvedProviderPathFromPSPath(Path), CharacterModelClient.ModelExtensions, "Path");
            var thumbnail = ThumbnailPath == null ? null : ModelFile.Check(GetUnresolvedProviderPathFromPSPath(ThumbnailPath), CharacterModelClient.ThumbnailExtensions, "ThumbnailPath");
            if (!string.IsNullOrEmpty(session.UserUid))
            {
                WriteWarning($"This session logged in with -UserUid '{session.UserUid}': the model will belong to that user only and is not shared with jobs of other users. Connect without -UserUid to share it.");
            }
            WriteObject(Run(token => session.Characters.UploadAsync(model, thumbnail, CreateThumbnail, Name, token)));
        }

    }
}
