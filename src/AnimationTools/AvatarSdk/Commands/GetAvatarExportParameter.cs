using System.Linq;
using System.Management.Automation;
using System.Text.Json;
using AnimationTools.Core.Cmdlets;

namespace AnimationTools.AvatarSdk.Commands
{
    /// <summary>Lists the enumerable export parameter values (and, for metaperson_2.0, textures) of each category.</summary>
    [Cmdlet(VerbsCommon.Get, "AvatarExportParameter", HelpUri = "https://github.com/animationtools/AnimationTools/blob/main/docs/Get-AvatarExportParameter.md")]
    [OutputType(typeof(AvatarExportParameter))]
    public sealed class GetAvatarExportParameter : AnimationCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(AvatarPipelineCompleter))]
        [ValidateNotNullOrEmpty]
        [ValidateRemoteId]
        public string Pipeline { get; set; }

        [Parameter(Position = 1)]
        [ArgumentCompleter(typeof(AvatarPipelineSubtypeCompleter))]
        [ValidateNotNullOrEmpty]
        public string PipelineSubtype { get; set; }

        /// <summary>Only this category (avatar, haircuts, outfits, blendshapes ...).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string Category { get; set; }

        [Parameter]
        public AvatarSdkSession Session { get; set; }

        protected override void ProcessItem()
        {
            AvatarPipelines.CheckPipeline(Pipeline, PipelineSubtype);
            if (!AvatarPipelines.ExportPipelines.Contains(Pipeline))
            {
                throw AvatarPipelines.Invalid(nameof(Pipeline), $"The {Pipeline} pipeline takes no export parameters; they are for {string.Join(", ", AvatarPipelines.ExportPipelines)}.");
            }
            var session = ResolveSession(Session, AvatarSdkSession.ServiceName, "Connect-AvatarSdk");
            var answer = Run(token => session.Client.GetExportParametersAsync(Pipeline, PipelineSubtype, token));
            var subtype = PipelineSubtype ?? AvatarPipelines.DefaultSubtype(Pipeline);
            foreach (var category in answer.EnumerateObject().Where(c => Category == null || c.Name == Category))
            {
                // head/body pipelines: {category: [values]}; metaperson_2.0: {category: {list: [...], textures: [...]}}.
                var lists = category.Value.ValueKind == JsonValueKind.Array
                    ? new[] { ("List", category.Value) }
                    : category.Value.ValueKind == JsonValueKind.Object
                        ? category.Value.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Array)
                            .Select(p => (p.Name == "textures" ? "Texture" : "List", p.Value)).ToArray()
                        // A category of another shape is a value this module does not know: left out.
                        : new (string, JsonElement)[0];
                foreach (var (kind, values) in lists)
                {
                    foreach (var value in values.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String))
                    {
                        WriteObject(new AvatarExportParameter { Pipeline = Pipeline, PipelineSubtype = subtype, Category = category.Name, Kind = kind, Value = value.GetString() });
                    }
                }
            }
        }
    }
}
