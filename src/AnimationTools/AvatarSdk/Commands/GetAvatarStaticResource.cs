using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text.Json;
using AnimationTools.Core.Cmdlets;

namespace AnimationTools.AvatarSdk.Commands
{
    /// <summary>
    /// Lists the static resources of a pipeline (metaperson_2.0): textures shared by all avatars, which can be
    /// downloaded once, even before an avatar completes. Filters are case-sensitive.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "AvatarStaticResource", HelpUri = "https://github.com/animationtools/AnimationTools/blob/main/docs/Get-AvatarStaticResource.md")]
    [OutputType(typeof(AvatarStaticResource))]
    public sealed class GetAvatarStaticResource : AnimationCmdlet
    {
        [Parameter(Position = 0)]
        [ArgumentCompleter(typeof(AvatarPipelineCompleter))]
        [ValidateNotNullOrEmpty]
        [ValidateRemoteId]
        public string Pipeline { get; set; } = "metaperson_2.0";

        [Parameter]
        [ArgumentCompleter(typeof(AvatarPipelineSubtypeCompleter))]
        [ValidateNotNullOrEmpty]
        public string[] PipelineSubtype { get; set; }

        /// <summary>LOD1, LOD2.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[] Lod { get; set; }

        /// <summary>1K.jpg, 1K.png, 2K.jpg, 2K.png ...</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[] TextureProfile { get; set; }

        /// <summary>avatar, haircuts, outfits ...</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[] Category { get; set; }

        [Parameter]
        public AvatarSdkSession Session { get; set; }

        protected override void ProcessItem()
        {
            AvatarPipelines.CheckPipeline(Pipeline, null);
            var session = ResolveSession(Session, AvatarSdkSession.ServiceName, "Connect-AvatarSdk");
            var filters = new List<KeyValuePair<string, string>>();
            void Filter(string name, string[] values)
            {
                if (values != null)
                {
                    filters.Add(new KeyValuePair<string, string>(name, string.Join(",", values)));
                }
            }
            Filter("pipeline_subtype", PipelineSubtype);
            Filter("lod", Lod);
            Filter("texture_profile", TextureProfile);
            Filter("category", Category);
            var answer = Run(token => session.Client.GetStaticResourcesAsync(Pipeline, filters, token));
            // subtype → category → asset → LOD → "textures" → profile → variant → texture name → URL (§7.6).
            foreach (var subtype in Objects(answer))
            foreach (var category in Objects(subtype.Value))
            foreach (var asset in Objects(category.Value))
            foreach (var lod in Objects(asset.Value))
            {
                if (!lod.Value.TryGetProperty("textures", out var textures))
                {
                    continue;
                }
                foreach (var profile in Objects(textures))
                foreach (var variant in Objects(profile.Value))
                foreach (var texture in variant.Value.EnumerateObject().Where(t => t.Value.ValueKind == JsonValueKind.String))
                {
                    WriteObject(new AvatarStaticResource
                    {
                        Pipeline = Pipeline,
                        PipelineSubtype = subtype.Name,
                        Category = category.Name,
                        Asset = asset.Name,
                        Lod = lod.Name,
                        TextureProfile = profile.Name,
                        Variant = variant.Name,
                        Texture = texture.Name,
                        Url = texture.Value.GetString(),
                    });
                }
            }
        }

        static IEnumerable<JsonProperty> Objects(JsonElement element) =>
            element.ValueKind == JsonValueKind.Object ? element.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Object) : Enumerable.Empty<JsonProperty>();
    }
}
