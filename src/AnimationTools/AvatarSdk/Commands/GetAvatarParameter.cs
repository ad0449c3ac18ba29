using System.Collections;
using System.Linq;
using System.Management.Automation;
using AnimationTools.Core.Cmdlets;

namespace AnimationTools.AvatarSdk.Commands
{
    /// <summary>
    /// Lists the computation parameters available (or applied by default) for a pipeline and subtype, one object per
    /// name; -AsHashtable gives them in the shape New-Avatar -Parameter takes.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "AvatarParameter", HelpUri = "https://github.com/animationtools/AnimationTools/blob/main/docs/Get-AvatarParameter.md")]
    [OutputType(typeof(AvatarParameter), typeof(Hashtable))]
    public sealed class GetAvatarParameter : AnimationCmdlet
    {
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(AvatarPipelineCompleter))]
        [ValidateNotNullOrEmpty]
        [ValidateRemoteId]
        public string Pipeline { get; set; } = "animated_face";

        [Parameter(Position = 1)]
        [ArgumentCompleter(typeof(AvatarPipelineSubtypeCompleter))]
        [ValidateNotNullOrEmpty]
        public string PipelineSubtype { get; set; }

        /// <summary>Only this category (haircuts, blendshapes, model_info ...).</summary>
        [Parameter]
        [ArgumentCompleter(typeof(AvatarParameterCategoryCompleter))]
        [ValidateNotNullOrEmpty]
        public string Category { get; set; }

        /// <summary>Only names matching this wildcard pattern.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(AvatarParameterNameCompleter))]
        [SupportsWildcards]
        public string Name { get; set; }

        /// <summary>The defaults applied when New-Avatar gets no -Parameter, instead of everything available.</summary>
        [Parameter]
        public SwitchParameter Default { get; set; }

        /// <summary>One hashtable in the API's shape, ready for New-Avatar -Parameter.</summary>
        [Parameter]
        public SwitchParameter AsHashtable { get; set; }

        [Parameter]
        public AvatarSdkSession Session { get; set; }

        protected override void ProcessItem()
        {
            AvatarPipelines.CheckPipeline(Pipeline, PipelineSubtype);
            var session = ResolveSession(Session, AvatarSdkSession.ServiceName, "Connect-AvatarSdk");
            var answer = Run(token => session.Client.GetParametersAsync(Pipeline, PipelineSubtype, Default, token));
            var pattern = Name == null ? null : new WildcardPattern(Name, WildcardOptions.IgnoreCase);
            var rows = AvatarCompletion.Flatten(answer.Value)
                .Where(p => Category == null || p.Category == Category)
                .Where(p => pattern == null || pattern.IsMatch(p.Name))
                .ToList();
            if (AsHashtable)
            {
                var table = new Hashtable();
                foreach (var byCategory in rows.GroupBy(r => r.Category))
                {
                    if (byCategory.All(r => r.Group == null))
                    {
                        table[byCategory.Key] = byCategory.Select(r => r.Name).ToArray();
                        continue;
                    }
                    var groups = new Hashtable();
                    foreach (var group in byCategory.GroupBy(r => r.Group ?? "base"))
                    {
                        groups[group.Key] = group.Select(r => r.Name).ToArray();
                    }
                    table[byCategory.Key] = groups;
                }
                WriteObject(table);
                return;
            }
            foreach (var row in rows)
            {
                WriteObject(new AvatarParameter
                {
                    Pipeline = Pipeline,
                    PipelineSubtype = answer.Key,
                    Category = row.Category,
                    Group = row.Group,
                    Name = row.Name,
                    Kind = Default ? "Default" : "Available",
                });
            }
        }
    }
}
