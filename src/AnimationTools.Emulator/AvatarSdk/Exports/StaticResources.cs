using System.Text.Json.Nodes;

namespace AnimationTools.Emulator.AvatarSdk;

/// <summary>
/// The metaperson_2.0 static resources (§7.6): textures shared by all avatars, listed by
/// <c>/static_resources/available/metaperson_2.0/</c> and served under <c>/static_resources/metaperson_2.0/textures/…</c>.
/// </summary>
internal static class StaticResources
{
    public const string Pipeline = "metaperson_2.0";

    public static readonly string[] Lods = ["LOD1", "LOD2"];

    /// <summary>Assets per category and the textures each has (corneas have none).</summary>
    private static readonly Dictionary<string, (string[] Assets, string[] Textures, bool Gendered)> Categories = new(StringComparer.Ordinal)
    {
        ["avatar"] = (PipelineCatalog.MetaPersonParts.Where(p => !p.Contains("Cornea")).ToArray(), ["Color", "GltfMetallicRoughness", "Normal", "Roughness"], true),
        ["haircuts"] = (["Haircut0", "Haircut1", "Haircut2", "Haircut3"], ["Color", "Normal", "GltfMetallicRoughness"], false),
        ["outfits"] = (["Outfit0", "Outfit1", "Outfit2"], ["Color", "Normal", "GltfMetallicRoughness", "body_visibility_mask"], true),
        ["outfits_top"] = (["Top0", "Top1"], ["Color", "Normal", "body_visibility_mask"], true),
        ["outfits_bottom"] = (["Bottom0", "Bottom1"], ["Color", "Normal", "body_visibility_mask"], true),
        ["outfits_shoes"] = (["Shoes0", "Shoes1"], ["Color", "Normal", "body_visibility_mask"], true),
        ["glasses"] = (["Glasses0", "Glasses1"], ["Color"], false),
    };

    /// <summary>Path (under the service prefix) of one static texture, or null when the asset has no such texture.</summary>
    public static string? PathOf(string subtype, string category, string asset, string texture, string profile)
    {
        if (!Categories.TryGetValue(category, out var entry) || !entry.Assets.Contains(asset) || !entry.Textures.Contains(texture))
        {
            return null;
        }

        var name = entry.Gendered ? asset + Gender(subtype) : asset;
        var (size, extension) = SplitProfile(profile);
        return $"static_resources/{Pipeline}/textures/{category}/{name}/{name}_{texture}_{size}.{extension}";
    }

    /// <summary>The listing DTO: subtype → category → asset → LOD → textures → profile → variant → texture → URL.</summary>
    public static JsonObject Available(Func<string, string> absolute, IReadOnlyCollection<string>? subtypes, IReadOnlyCollection<string>? lods,
        IReadOnlyCollection<string>? profiles, IReadOnlyCollection<string>? categories)
    {
        var result = new JsonObject();
        foreach (var subtype in PipelineCatalog.Subtypes[Pipeline].Where(s => subtypes is null || subtypes.Contains(s)))
        {
            var categoryNodes = new JsonObject();
            foreach (var (category, entry) in Categories.Where(c => categories is null || categories.Contains(c.Key)))
            {
                var assets = new JsonObject();
                foreach (var asset in entry.Assets)
                {
                    var lodNodes = new JsonObject();
                    foreach (var lod in Lods.Where(l => lods is null || lods.Contains(l)))
                    {
                        var profileNodes = new JsonObject();
                        foreach (var profile in PipelineCatalog.TextureProfiles.Where(p => profiles is null || profiles.Contains(p)))
                        {
                            var textures = new JsonObject();
                            foreach (var texture in entry.Textures)
                            {
                                textures[texture] = absolute(PathOf(subtype, category, asset, texture, profile)!);
                            }

                            profileNodes[profile] = new JsonObject { ["base"] = textures };
                        }

                        lodNodes[lod] = new JsonObject { ["textures"] = profileNodes };
                    }

                    assets[asset] = lodNodes;
                }

                categoryNodes[category] = assets;
            }

            result[subtype] = categoryNodes;
        }

        return result;
    }

    /// <summary>The bytes of a static texture path, or null when the path names none.</summary>
    public static (byte[] Content, string ContentType)? Content(string path)
    {
        var known = PipelineCatalog.Subtypes[Pipeline].Any(subtype => Categories.Any(c => c.Value.Assets.Any(asset => c.Value.Textures.Any(texture =>
            PipelineCatalog.TextureProfiles.Any(profile => PathOf(subtype, c.Key, asset, texture, profile) == path)))));
        if (!known)
        {
            return null;
        }

        return path.EndsWith(".jpg", StringComparison.Ordinal)
            ? (Jpeg.Texture, "image/jpeg")
            : (Png.Pattern(64, 64, StableSeed(path), alpha: path.Contains("body_visibility_mask")), "image/png");
    }

    public static (string Size, string Extension) SplitProfile(string profile)
    {
        var dot = profile.IndexOf('.');
        return dot < 0 ? (profile, "png") : (profile[..dot], profile[(dot + 1)..]);
    }

    public static string Gender(string subtype) => subtype == "male" ? "Male" : "Female";

    public static int StableSeed(string text)
    {
        var hash = 17;
        foreach (var c in text)
        {
            hash = unchecked(hash * 31 + c);
        }

        return hash & 0x7FFFFFFF;
    }
}
