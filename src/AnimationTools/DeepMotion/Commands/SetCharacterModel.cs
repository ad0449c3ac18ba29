using System.Management.Automation;
using AnimationTools.Core.Cmdlets;
using AnimationTools.Core.Errors;
using AnimationTools.DeepMotion.Characters;

namespace AnimationTools.DeepMotion.Commands
{
    /// <summary>Renames a character model or gives it a new thumbnail.</summary>
    [Cmdlet(VerbsCommon.Set, "CharacterModel", SupportsShouldProcess = true, HelpUri = "https://github.com/animationtools/AnimationTools/blob/main/docs/Set-CharacterModel.md")]
    [OutputType(typeof(CharacterModel))]
    public sealed class SetCharacterModel : AnimationCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("ModelId")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(CharacterModelCompleter))]
        [ValidateRemoteId]
        public string Id { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string Name { get; set; }

        /// <summary>A new png or jpg thumbnail.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string ThumbnailPath { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        [Parameter]
        public DeepMotionSession Session { get; set; }

        protected override void ProcessItem()
        {
            var session = ResolveSession(Session, DeepMotionSession.ServiceName, "Connect-DeepMotion");
            if (Name == null && ThumbnailPath == null)
            {
                throw new AnimationToolsException("DeepMotion.InvalidParameter.Name", ErrorCategory.InvalidArgument, "Give -Name, -ThumbnailPath or both.", null, Id);
            }
            var thumbnail = ThumbnailPath == null ? null : ModelFile.Check(GetUnresolvedProviderPathFromPSPath(ThumbnailPath), CharacterModelClient.ThumbnailExtensions, "ThumbnailPath");
            if (!ShouldProcess(Id, "Update character model"))
            {
                return;
            }
            var model = Run(token => session.Characters.UpdateAsync(Id, Name, thumbnail, token));
            if (PassThru)
            {
                WriteObject(model);
            }
        }
    }
}
