using System.Text.Json.Nodes;

namespace AnimationTools.Emulator.AvatarSdk;

/// <summary>
/// Pipelines, subtypes and the parameters each offers (contract §7.3.1, §9): what <c>/parameters/…</c> and
/// <c>/export_parameters/…</c> answer and what avatar creation accepts. Plan gating is not emulated.
/// </summary>
internal static class PipelineCatalog
{
    public const string DefaultPipeline = "animated_face";

    public static readonly IReadOnlyDictionary<string, string[]> Subtypes = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["animated_face"] = ["base/legacy", "indie/legacy_styled"],
        ["head_1.2"] = ["base/legacy", "base/mobile", "base/static"],
        ["head_2.0"] = ["bust/mobile", "bust/static", "head/mobile"],
        ["body_0.3"] = ["female", "male", "mobile"],
        ["metaperson_2.0"] = ["female", "male"],
    };

    /// <summary>Pipelines whose avatars may carry export parameters.</summary>
    public static readonly string[] ExportPipelines = ["head_1.2", "head_2.0", "body_0.3", "metaperson_2.0"];

    public static readonly string[] BaseHaircuts =
        ["female_NewSea_J086f", "female_NewSea_J096f", "female_NewSea_J123f", "male_NewSea_J003m", "male_NewSea_J082m", "male_makehuman_short02"];

    public static readonly string[] FacegenHaircuts = ["facegen_afro", "facegen_balding", "facegen_bob", "facegen_crew_cut", "facegen_long_hair", "facegen_wavy_shag"];

    /// <summary>head_2.0's predicted haircut names (§7.4), also its <c>plus</c> set here.</summary>
    public static readonly string[] Head20Haircuts =
    [
        "absolutely_bald", "afro_short", "balding", "bob", "bob_parted", "burr_cut", "classic_side_part", "classic_tapper", "cowlick",
        "cowlick2", "crew_cut", "crew_cut2", "crew_cut3", "curtained_hair", "flattop", "high_volume_brushed_up", "long_afro", "long_bob",
        "long_crimped", "long_disheveled", "long_hair", "long_hair2", "long_wavy", "mid_length_ruffled", "mid_length_straight",
        "mid_length_wispy", "ponytail_with_bangs", "short_bob_asymmetrical_bangs", "short_curls2", "short_disheveled", "short_simple",
        "side_french_braid", "straight_bob_bangs", "very_long", "wavy_shag",
    ];

    public static readonly string[] ModelInfoFlags =
        ["age", "eye_iris_color", "eye_sclera_color", "facial_landmarks_68", "gender", "hair_color", "lips_color", "predict_haircut", "race", "skin_color"];

    public static readonly string[] ColourModifications = ["eye_iris_color", "eye_sclera_color", "hair_color", "lips_color", "teeth_color"];

    public static readonly string[] SizeModifications = ["texture_size", "generated_haircut_texture_size"];

    public static readonly string[] AvatarModifications =
    [
        "add_eyelid_shadow", "add_glare", "allow_modify_neck", "caricature_amount", "curved_bottom", "enhance_lighting", "eye_iris_color",
        "eye_sclera_color", "generated_haircut_faces_count", "generated_haircut_texture_size", "hair_color", "lips_color",
        "parametric_eyes_texture", "parametric_eyes_texture_v2", "remove_glasses", "remove_smile", "remove_stubble", "repack_texture",
        "slightly_cartoonish_texture", "teeth_color", "texture_size",
    ];

    public static readonly string[] AdditionalTextures =
        ["cartoonish_texture", "lips_mask", "metallic_map", "roughness_map", "slightly_cartoonish_texture", "smooth_eyelashes_texture"];

    public static readonly string[] BodyShapeNames = ["gender", "height", "weight", "chest", "waist", "hips"];

    public static readonly string[] MetaPersonParts =
    [
        "AvatarBody", "AvatarLeftCornea", "AvatarRightCornea", "AvatarLeftEyeball", "AvatarRightEyeball", "AvatarEyelashes", "AvatarHead",
        "AvatarTeethLower", "AvatarTeethUpper",
    ];

    public static readonly string[] MetaPersonTextures = ["Color", "GltfMetallicRoughness", "Normal", "Roughness", "UnityMetallicSmoothness"];

    public static readonly string[] TextureProfiles = ["1K.jpg", "1K.png", "2K.jpg", "2K.png", "4K.jpg", "4K.png"];

    public static readonly string[] ExportFormats = ["gltf", "glb", "fbx", "ply", "obj"];

    /// <summary>Blendshape names of each set (sizes as documented; the names of the sets the seed does not list are synthetic).</summary>
    public static IReadOnlyList<string> BlendshapeNames(string set) => set switch
    {
        "visemes_17" or "visemes_15" => ["AA", "CH", "EE", "IH", "OH", "OU", "TH", "dd", "ff", "kk", "nn", "pp", "rr", "sil", "frown", "smile"],
        "visemes_14" => ["AA", "CH", "EE", "IH", "OH", "OU", "TH", "dd", "ff", "kk", "nn", "pp", "rr", "sil"],
        "mobile_51" => Arkit,
        "face_modifications_2" => ["face_shape", "jaw_shape"],
        "legacy_45" => Enumerable.Range(0, 45).Select(i => $"legacy_{i:00}").ToList(),
        _ => Enumerable.Range(0, 8).Select(i => $"{set}_{i}").ToList(),
    };

    private static readonly string[] Arkit =
    [
        "browDownLeft", "browDownRight", "browInnerUp", "browOuterUpLeft", "browOuterUpRight", "cheekPuff", "cheekSquintLeft", "cheekSquintRight",
        "eyeBlinkLeft", "eyeBlinkRight", "eyeLookDownLeft", "eyeLookDownRight", "eyeLookInLeft", "eyeLookInRight", "eyeLookOutLeft",
        "eyeLookOutRight", "eyeLookUpLeft", "eyeLookUpRight", "eyeSquintLeft", "eyeSquintRight", "eyeWideLeft", "eyeWideRight", "jawForward",
        "jawLeft", "jawOpen", "jawRight", "mouthClose", "mouthDimpleLeft", "mouthDimpleRight", "mouthFrownLeft", "mouthFrownRight",
        "mouthFunnel", "mouthLeft", "mouthLowerDownLeft", "mouthLowerDownRight", "mouthPressLeft", "mouthPressRight", "mouthPucker",
        "mouthRight", "mouthRollLower", "mouthRollUpper", "mouthShrugLower", "mouthShrugUpper", "mouthSmileLeft", "mouthSmileRight",
        "mouthStretchLeft", "mouthStretchRight", "mouthUpperUpLeft", "mouthUpperUpRight", "noseSneerLeft", "noseSneerRight",
    ];

    public static bool IsExportPipeline(string pipeline) => ExportPipelines.Contains(pipeline);

    /// <summary>Whether meshes of this pipeline/subtype come in LODs (§5.2), and the highest LOD number.</summary>
    public static int? MaxMeshLod(string pipeline, string subtype) => pipeline switch
    {
        "animated_face" => 8,
        "head_1.2" => 7,
        "head_2.0" when subtype is "head/mobile" or "bust/mobile" => 7,
        _ => null,
    };

    public static int? MaxBlendshapeLod(string pipeline, string subtype) => pipeline switch
    {
        "animated_face" => 8,
        "head_1.2" => 7,
        "head_2.0" when subtype == "head/mobile" => 7,
        _ => null,
    };

    /// <summary>
    /// The available computation parameters, <c>{category: {group: [names]}}</c>; for body_0.3 without the group
    /// level (<c>{category: [names]}</c>) as the document says.
    /// </summary>
    public static JsonObject Available(string pipeline, string subtype)
    {
        var categories = new Dictionary<string, Dictionary<string, string[]>>(StringComparer.Ordinal);
        void Add(string category, string group, params string[] names) =>
            (categories.TryGetValue(category, out var groups) ? groups : categories[category] = new(StringComparer.Ordinal))[group] = names;

        var modelInfo = ModelInfoFlags.Except(pipeline == "animated_face" ? [] : new[] { "lips_color" }).ToArray();
        switch (pipeline)
        {
            case "animated_face":
                Add("haircuts", "base", BaseHaircuts);
                Add("haircuts", "facegen", FacegenHaircuts);
                Add("blendshapes", "base", "legacy_45", "visemes_17", "mobile_51");
                Add("model_info", "base", modelInfo);
                Add("avatar_modifications", "plus", AvatarModifications);
                if (subtype == "indie/legacy_styled")
                {
                    Add("shape_modifications", "plus", "cartoonish_v0.3");
                }

                Add("additional_textures", "base", AdditionalTextures);
                break;
            case "head_1.2":
                Add("blendshapes", "base", "legacy_45", "mobile_51", "visemes_15");
                Add("model_info", "base", modelInfo.Except(["predict_haircut"]).ToArray());
                Add("avatar_modifications", "plus", AvatarModifications);
                if (subtype == "base/mobile")
                {
                    Add("shape_modifications", "plus", "cartoonish_v1.0");
                }

                Add("additional_textures", "base", "lips_mask", "metallic_map", "roughness_map", "slightly_cartoonish_texture", "smooth_eyelashes_texture");
                break;
            case "head_2.0":
                Add("haircuts", "base", BaseHaircuts);
                Add("haircuts", "plus", Head20Haircuts);
                Add("blendshapes", "base", "mobile_51", "visemes_15");
                Add("model_info", "base", modelInfo);
                Add("avatar_modifications", "plus", AvatarModifications);
                if (subtype == "head/mobile")
                {
                    Add("shape_modifications", "plus", "cartoonish_v1.0");
                }

                Add("additional_textures", "base", "lips_mask", "metallic_map", "roughness_map");
                break;
            case "body_0.3":
                Add("haircuts", "base", BaseHaircuts);
                Add("blendshapes", "base", "mobile_51", "visemes_15", "face_modifications_2");
                Add("model_info", "base", [.. modelInfo.Except(["facial_landmarks_68", "predict_haircut"]), "body_shape_coeffs_10"]);
                Add("avatar_modifications", "plus", "enhance_lighting", "remove_glasses", "remove_smile", "remove_stubble", "texture_size");
                Add("shape_modifications", "plus", "cartoonish_v1.0");
                Add("body_shape", "plus", BodyShapeNames);
                break;
            case "metaperson_2.0":
                Add("model_info", "base", "age", "eye_iris_color", "eye_sclera_color", "gender", "hair_color", "race", "skin_color");
                Add("avatar_modifications", "plus", "enhance_lighting", "remove_glasses", "remove_smile", "remove_stubble");
                break;
        }

        var result = new JsonObject();
        foreach (var (category, groups) in categories)
        {
            if (pipeline == "body_0.3")
            {
                result[category] = new JsonArray(groups.Values.SelectMany(n => n).Select(n => (JsonNode)JsonValue.Create(n)!).ToArray());
            }
            else
            {
                var node = new JsonObject();
                foreach (var (group, names) in groups)
                {
                    node[group] = new JsonArray(names.Select(n => (JsonNode)JsonValue.Create(n)!).ToArray());
                }

                result[category] = node;
            }
        }

        return result;
    }

    /// <summary>The parameters applied when <c>parameters</c> is omitted at creation (emulator choice §7.3.1).</summary>
    public static JsonObject Defaults(string pipeline) => pipeline == "animated_face"
        ? new JsonObject
        {
            ["blendshapes"] = new JsonObject { ["base"] = new JsonArray("legacy_45", "visemes_17") },
            ["haircuts"] = new JsonObject { ["base"] = new JsonArray(BaseHaircuts.Select(n => (JsonNode)JsonValue.Create(n)!).ToArray()) },
        }
        : new JsonObject();

    /// <summary>Enumerable export parameter values per category (§7.2).</summary>
    public static JsonObject ExportAvailable(string pipeline, string subtype)
    {
        static JsonArray Array(IEnumerable<string> values) => new(values.Select(v => (JsonNode)JsonValue.Create(v)!).ToArray());
        static JsonObject Mp(IEnumerable<string> list, IEnumerable<string> textures) => new() { ["list"] = Array(list), ["textures"] = Array(textures) };

        return pipeline switch
        {
            "head_1.2" => new JsonObject { ["blendshapes"] = Array(["legacy_45", "mobile_51", "visemes_15"]) },
            "head_2.0" => new JsonObject
            {
                ["blendshapes"] = Array(["mobile_51", "visemes_15"]),
                ["haircuts"] = subtype == "bust/static" ? Array([]) : Array(["generated", "afro", "wavy_bob", .. Head20Haircuts]),
            },
            "body_0.3" => new JsonObject
            {
                ["blendshapes"] = Array(["mobile_51", "visemes_15", "face_modifications_2"]),
                ["haircuts"] = Array(["generated", "afro", "wavy_bob", "long_hair", "short_simple"]),
                ["outfits"] = Array(Enumerable.Range(0, 6).SelectMany(i => new[] { $"base_{i}", $"base_lowpoly_{i}", $"meta_{i}", $"meta_lowpoly_{i}" }).OrderBy(n => n, StringComparer.Ordinal)),
            },
            "metaperson_2.0" => new JsonObject
            {
                ["avatar"] = Mp(MetaPersonParts, MetaPersonTextures),
                ["haircuts"] = Mp(["HaircutGenerated", "Haircut0", "Haircut1", "Haircut2", "Haircut3"], ["Color", "Normal", "GltfMetallicRoughness"]),
                ["outfits"] = Mp(["Outfit0", "Outfit1", "Outfit2"], ["Color", "Normal", "GltfMetallicRoughness", "body_visibility_mask"]),
                ["outfits_top"] = Mp(["Top0", "Top1"], ["Color", "Normal", "body_visibility_mask"]),
                ["outfits_bottom"] = Mp(["Bottom0", "Bottom1"], ["Color", "Normal", "body_visibility_mask"]),
                ["outfits_shoes"] = Mp(["Shoes0", "Shoes1"], ["Color", "Normal", "body_visibility_mask"]),
                ["glasses"] = Mp(["Glasses0", "Glasses1"], ["Color"]),
                ["blendshapes"] = Mp(["mobile_51", "visemes_15", "body_shape", "face_modifications", "emotions"], []),
            },
            _ => new JsonObject(),
        };
    }

    /// <summary>The pipeline/subtype pair, defaults applied; a <see cref="FieldException"/> when unknown.</summary>
    public static (string Pipeline, string Subtype) Resolve(string? pipeline, string? subtype)
    {
        var name = string.IsNullOrEmpty(pipeline) ? DefaultPipeline : pipeline;
        if (!Subtypes.TryGetValue(name, out var subtypes))
        {
            throw new FieldException("pipeline", $"\"{name}\" is not a valid choice.");
        }

        if (string.IsNullOrEmpty(subtype))
        {
            return (name, subtypes[0]);
        }

        return subtypes.Contains(subtype)
            ? (name, subtype)
            : throw new FieldException("pipeline_subtype", $"\"{subtype}\" is not a valid subtype of {name}; valid: {string.Join(", ", subtypes)}.");
    }
}
