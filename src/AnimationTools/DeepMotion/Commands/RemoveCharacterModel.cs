using System.Management.Automation;
using AnimationTools.Core.Cmdlets;
using AnimationTools.Core.Errors;
using AnimationTools.DeepMotion.Characters;

namespace AnimationTools.DeepMotion.Commands
{
    /// <summary>Deletes a custom character model.</summary>
    [Cmdlet(VerbsCommon.Remove, "CharacterModel", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, HelpUri = "https://github.com/animationtools/AnimationTools/blob/main/docs/Remove-CharacterModel.md")]
    public sealed class RemoveCharacterModel : AnimationCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("ModelId")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(CharacterModelCompleter))]
        [ValidateRemoteId]
        public string[] Id { get; set; }

        [Parameter]
        public DeepMotionSession Session { get; set; }

        protected override void ProcessItem()
        {
            var session = ResolveSession(Session, DeepMotionSession.ServiceName, "Connect-DeepMotion");
            foreach (var id in Id)
            {
                if (!ShouldProcess(id, "Delete character model"))
                {
                    continue;
                }
                var deleted = Run(token => session.Characters.DeleteAsync(id, token));
                if (deleted == 0)
                {
                    WriteError(new AnimationToolsException("DeepMotion.ModelNotFound", ErrorCategory.ObjectNotFound, $"There is no character model '{id}' to delete.", null, id).ToErrorRecord());
                }
                CharacterModelCompleter.Forget(session);
            }
        }
    }
}
