using System.Linq;
using System.Management.Automation;
using AnimationTools.Core.Cmdlets;
using AnimationTools.Core.Errors;
using AnimationTools.DeepMotion.Characters;

namespace AnimationTools.DeepMotion.Commands
{
    /// <summary>Lists character models: by id (custom or stock), a name search, and optionally the stock models too.</summary>
    [Cmdlet(VerbsCommon.Get, "CharacterModel", DefaultParameterSetName = ListSet, HelpUri = "https://github.com/animationtools/AnimationTools/blob/main/docs/Get-CharacterModel.md")]
    [OutputType(typeof(CharacterModel))]
    public sealed class GetCharacterModel : AnimationCmdlet
    {
        const string ListSet = "List";
        const string IdSet = "Id";

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("ModelId")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(CharacterModelCompleter))]
        [ValidateRemoteId]
        public string[] Id { get; set; }

        /// <summary>Models whose name matches this text (the service's searchToken).</summary>
        [Parameter(ParameterSetName = ListSet)]
        [ValidateNotNullOrEmpty]
        public string Search { get; set; }

        /// <summary>Also list the stock models of the deepmotion and roblox platforms.</summary>
        [Parameter(ParameterSetName = ListSet)]
        public SwitchParameter IncludeStock { get; set; }

        [Parameter]
        public DeepMotionSession Session { get; set; }

        protected override void ProcessItem()
        {
            var session = ResolveSession(Session, DeepMotionSession.ServiceName, "Connect-DeepMotion");
            if (ParameterSetName == ListSet)
            {
                WriteObject(Run(token => session.Characters.ListAsync(null, Search, IncludeStock, token)), enumerateCollection: true);
                return;
            }
            foreach (var id in Id)
            {
                // Stock models too: Tab completion offers their ids, so they must resolve here.
                var model = Run(token => session.Characters.ListAsync(id, null, includeStock: true, token)).FirstOrDefault(m => m.Id == id);
                if (model == null)
                {
                    WriteError(new AnimationToolsException("DeepMotion.ModelNotFound", ErrorCategory.ObjectNotFound, $"There is no character model '{id}'.", null, id).ToErrorRecord());
                    continue;
                }
                WriteObject(model);
            }
        }
    }
}
