using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AnimationTools.Emulator.AvatarSdk;

/// <summary>A file of an export (static files are downloaded separately, §6.2).</summary>
/// <param name="Category">Null for the avatar itself, else haircuts, outfits, blendshapes …</param>
/// <param name="StaticFiles">Export-local static files (file name → bytes) of head/body pipelines.</param>
/// <param name="StaticResources">Paths of metaperson_2.0 static resources (their full URL is the cache key).</param>
internal sealed record ExportFile(string Identity, string? Category, Func<byte[]> Content,
    IReadOnlyDictionary<string, Func<byte[]>> StaticFiles, IReadOnlyList<string> StaticResources);

/// <summary>
/// Turns export parameters (defaults of §6.3 merged under what was sent) into real files: the avatar model in the
/// asked format (glTF/GLB that glTF readers load, PLY, OBJ; FBX is a header-only stand-in), separate files for the
/// categories that are not embedded, and static textures that are not inside the zips.
/// </summary>
internal static class ExportBuilder
{
    private const string HeadBodyDefaults = """
        { "format": "gltf", "embed": true, "pointclouds": false, "additional_textures": [], "embed_textures": false, "texture_size": null, "template": "", "lod": 0,
          "haircuts": { "list": [], "format": null, "embed": null, "pointclouds": null, "color": null, "texture_size": null, "embed_textures": null },
          "outfits": { "list": [], "format": null, "embed": null, "pointclouds": null, "additional_textures": [], "texture_size": null, "embed_textures": null },
          "blendshapes": { "list": [], "format": null, "embed": null, "pointclouds": null } }
        """;

    private const string MetaPersonDefaults = """
        { "format": "gltf", "embed": true, "lod": "LOD1", "split_vertices": false, "export_quads": false, "finalize": false, "apply_visibility_masks": true,
          "make_public": false, "make_public_direct": false, "textures": { "list": [], "profile": "2K.png", "embed": false },
          "avatar": { "list": ["AvatarBody","AvatarLeftCornea","AvatarRightCornea","AvatarLeftEyeball","AvatarRightEyeball","AvatarEyelashes","AvatarHead","AvatarTeethLower","AvatarTeethUpper"],
                      "format": null, "embed": null, "lod": null, "apply_visibility_masks": true, "textures": { "list": ["Color","GltfMetallicRoughness","Normal"], "embed": null } },
          "haircuts": { "list": [], "format": null, "embed": null, "lod": null, "textures": null, "color": null },
          "outfits": { "list": [], "format": null, "embed": null, "lod": null, "apply_visibility_masks": true, "textures": null },
          "outfits_top": { "list": [], "format": null, "embed": null, "lod": null, "apply_visibility_masks": true, "textures": null },
          "outfits_bottom": { "list": [], "format": null, "embed": null, "lod": null, "apply_visibility_masks": true, "textures": null },
          "outfits_shoes": { "list": [], "format": null, "embed": null, "lod": null, "apply_visibility_masks": true, "textures": null },
          "glasses": { "list": [], "format": null, "embed": null, "lod": null, "textures": null },
          "blendshapes": { "list": [], "values": null, "embed": true } }
        """;

    /// <summary>What was sent, over the documented defaults (objects merged, everything else replaced).</summary>
    public static JsonObject Effective(JsonObject sent, string pipeline)
    {
        var defaults = JsonNode.Parse(pipeline == "metaperson_2.0" ? MetaPersonDefaults : HeadBodyDefaults)!.AsObject();
        Merge(defaults, sent);
        return defaults;
    }

    private static void Merge(JsonObject target, JsonObject source)
    {
        foreach (var (key, value) in source)
        {
            if (value is JsonObject child && target[key] is JsonObject existing)
            {
                Merge(existing, child);
            }
            else
            {
                target[key] = value?.DeepClone();
            }
        }
    }

    public static IReadOnlyList<ExportFile> Build(AvatarRecord avatar, JsonObject sent)
    {
        var parameters = Effective(sent, avatar.Pipeline);
        return avatar.Pipeline == "metaperson_2.0" ? MetaPerson(avatar, parameters) : HeadOrBody(avatar, parameters);
    }

    private static IReadOnlyList<ExportFile> HeadOrBody(AvatarRecord avatar, JsonObject p)
    {
        var format = Text(p["format"]) ?? "gltf";
        var embed = Flag(p["embed"]) ?? true;
        var lod = (int)(p["lod"]?.GetValue<double>() ?? 0);
        var pointClouds = Flag(p["pointclouds"]) ?? false;
        var embedTextures = Flag(p["embed_textures"]) ?? false;
        var body = avatar.Pipeline == "body_0.3";
        var parts = new List<(Mesh Mesh, string TextureName, Func<byte[]> Texture, string Mime)>
        {
            (body ? Mesh.Ellipsoid("avatar", lod, 0.25f, 0.9f, 0.15f, cy: 0.9f) : Mesh.Ellipsoid("avatar", lod), "model.jpg", () => Jpeg.Texture, "image/jpeg"),
        };
        var files = new List<ExportFile>();
        var offset = 0;
        foreach (var category in new[] { "haircuts", "outfits", "blendshapes" })
        {
            if (p[category] is not JsonObject section)
            {
                continue;
            }

            var categoryFormat = Text(section["format"]) ?? format;
            var categoryEmbed = (Flag(section["embed"]) ?? embed) && categoryFormat is "gltf" or "glb" or "fbx";
            foreach (var name in List(section["list"]))
            {
                offset++;
                var mesh = category == "outfits"
                    ? Mesh.Ellipsoid(name, lod + 2, 0.27f, 0.4f, 0.17f, cy: 1.1f)
                    : Mesh.Ellipsoid(name, lod + 2, 0.1f, 0.08f, 0.11f, cy: 1.66f + offset * 0.001f);
                var recoloured = section["color"] is JsonObject;
                if (category == "blendshapes")
                {
                    if (!categoryEmbed)
                    {
                        var names = PipelineCatalog.BlendshapeNames(name);
                        files.Add(new ExportFile(name, category,
                            () => Zip.Of(names.Select((n, i) => (n + ".ply", Mesh.Ellipsoid(n, lod + 3, 0.09f + i * 0.0001f).ToPly(pointCloud: true)))),
                            Empty, []));
                    }

                    continue;
                }

                var generated = name == "generated";
                if (categoryEmbed)
                {
                    parts.Add((mesh, name + ".png", () => Png.Pattern(64, 64, StaticResources.StableSeed(name)), "image/png"));
                    continue;
                }

                var staticFiles = generated || recoloured
                    ? Empty
                    : new Dictionary<string, Func<byte[]>> { ["texture.png"] = () => Png.Pattern(64, 64, StaticResources.StableSeed(name)) };
                files.Add(new ExportFile(name, category, () =>
                {
                    var entries = Model([(mesh, "texture.png", () => Png.Pattern(64, 64, StaticResources.StableSeed(name) + 1), "image/png")],
                        categoryFormat, name, Flag(section["pointclouds"]) ?? pointClouds, Flag(section["embed_textures"]) ?? embedTextures, includeTextures: false);
                    if (generated || recoloured)
                    {
                        entries.Add(("texture.png", Png.Pattern(64, 64, StaticResources.StableSeed(name) + 1)));
                    }

                    return Zip.Of(entries);
                }, staticFiles, []));
            }
        }

        files.Insert(0, new ExportFile("avatar", null, () => Zip.Of(Model(parts, format, "model", pointClouds, embedTextures, includeTextures: true)), Empty, []));
        return files;
    }

    private static IReadOnlyList<ExportFile> MetaPerson(AvatarRecord avatar, JsonObject p)
    {
        var format = Text(p["format"]) ?? "gltf";
        var embed = Flag(p["embed"]) ?? true;
        var topTextures = p["textures"] as JsonObject;
        var profile = Text(topTextures?["profile"]) ?? "2K.png";
        var lodName = Text(p["lod"]) ?? "LOD1";
        var files = new List<ExportFile>();
        var avatarParts = new List<(Mesh Mesh, string TextureName, Func<byte[]> Texture, string Mime)>();
        var avatarStatics = new List<string>();
        var avatarSection = p["avatar"] as JsonObject ?? new JsonObject();
        var (textureList, texturesEmbedded) = Textures(avatarSection, topTextures);
        var index = 0;
        foreach (var part in List(avatarSection["list"]))
        {
            var mesh = Mesh.Ellipsoid(part, (lodName == "LOD2" ? 4 : 1) + (part == "AvatarBody" ? 0 : 2), cy: 0.2f + index++ * 0.17f);
            var (name, texture, mime) = part == "AvatarHead" && textureList.Contains("Color")
                ? ("AvatarHead_Color.jpg", (Func<byte[]>)(() => Jpeg.Texture), "image/jpeg")
                : (null, null, null)!;
            avatarParts.Add((mesh, name!, texture!, mime!));
            foreach (var t in textureList.Where(t => !(part == "AvatarHead" && t == "Color")))
            {
                if (StaticResources.PathOf(avatar.Subtype, "avatar", part, t, profile) is { } path && !texturesEmbedded)
                {
                    avatarStatics.Add(path);
                }
            }
        }

        foreach (var category in new[] { "haircuts", "outfits", "outfits_top", "outfits_bottom", "outfits_shoes", "glasses", "blendshapes" })
        {
            if (p[category] is not JsonObject section)
            {
                continue;
            }

            var categoryFormat = Text(section["format"]) ?? format;
            var categoryEmbed = (Flag(section["embed"]) ?? embed) && categoryFormat is "gltf" or "glb" or "fbx";
            var (categoryTextures, categoryTexturesEmbedded) = Textures(section, topTextures);
            foreach (var value in List(section["list"]))
            {
                if (category == "blendshapes")
                {
                    if (!categoryEmbed)
                    {
                        files.Add(new ExportFile(value, category,
                            () => Zip.Of(PipelineCatalog.BlendshapeNames(value).Select(n => (n + ".ply", Mesh.Ellipsoid(n, 6).ToPly(pointCloud: true)))), Empty, []));
                    }

                    continue;
                }

                var mesh = Mesh.Ellipsoid(value, lodName == "LOD2" ? 5 : 3, 0.1f, 0.09f, 0.11f, cy: 1.68f);
                var statics = categoryTexturesEmbedded
                    ? []
                    : categoryTextures.Select(t => StaticResources.PathOf(avatar.Subtype, category, value, t, profile)).OfType<string>().ToList();
                if (categoryEmbed)
                {
                    avatarParts.Add((mesh, null!, null!, null!));
                    avatarStatics.AddRange(statics);
                }
                else
                {
                    files.Add(new ExportFile(value, category, () => Zip.Of(Model([(mesh, null!, null!, null!)], categoryFormat, value, false, false, includeTextures: false)), Empty, statics));
                }
            }
        }

        var headEmbedded = texturesEmbedded;
        files.Insert(0, new ExportFile("avatar", null, () => Zip.Of(Model(avatarParts, format, "model", false, headEmbedded, includeTextures: true)), Empty, avatarStatics.Distinct().ToList()));
        return files;
    }

    /// <summary>The texture list and embed flag of a metaperson_2.0 section, inherited from the top-level textures section.</summary>
    private static (List<string> List, bool Embedded) Textures(JsonObject section, JsonObject? top)
    {
        var own = section["textures"] as JsonObject;
        var list = own?["list"] is JsonArray ownList ? List(ownList) : List(top?["list"]);
        var embedded = Flag(own?["embed"]) ?? Flag(top?["embed"]) ?? false;
        return (list, embedded);
    }

    /// <summary>Zip entries of one model in a format, with its textures beside it (or embedded in a GLB).</summary>
    private static List<(string Name, byte[] Content)> Model(IReadOnlyList<(Mesh Mesh, string TextureName, Func<byte[]> Texture, string Mime)> parts,
        string format, string baseName, bool pointCloud, bool embedTextures, bool includeTextures)
    {
        var entries = new List<(string, byte[])>();
        var textured = parts.Where(p => p.Texture is not null && includeTextures).ToList();
        if (pointCloud)
        {
            entries.AddRange(parts.Select(p => (p.Mesh.Name == baseName ? baseName + ".ply" : p.Mesh.Name + ".ply", p.Mesh.ToPly(pointCloud: true))));
            return entries;
        }

        switch (format)
        {
            case "glb":
            case "gltf":
                var gltfParts = parts.Select(p => new GltfPart(p.Mesh, p.Texture is not null && includeTextures
                    ? new GltfTexture(p.TextureName, p.Mime, p.Texture(), format == "glb" && embedTextures)
                    : null)).ToList();
                if (format == "glb")
                {
                    entries.Add((baseName + ".glb", Gltf.Glb(gltfParts)));
                }
                else
                {
                    var (json, bin) = Gltf.Separate(gltfParts, baseName + ".bin");
                    entries.Add((baseName + ".gltf", json));
                    entries.Add((baseName + ".bin", bin));
                }

                if (!(format == "glb" && embedTextures))
                {
                    entries.AddRange(textured.Select(t => (t.TextureName, t.Texture())));
                }

                return entries;
            case "fbx":
                entries.Add((baseName + ".fbx", FbxStub.Write(baseName)));
                break;
            case "obj":
                entries.Add((baseName + ".obj", Encoding.UTF8.GetBytes(parts[0].Mesh.ToObj(textured.Count > 0 ? "material0" : null))));
                if (textured.Count > 0)
                {
                    entries.Add(("model.mtl", Encoding.UTF8.GetBytes($"newmtl material0\nmap_Kd {textured[0].TextureName}\n")));
                }

                entries.AddRange(parts.Skip(1).Select(p => (p.Mesh.Name + ".obj", Encoding.UTF8.GetBytes(p.Mesh.ToObj(null)))));
                break;
            default:
                entries.Add((baseName + ".ply", parts[0].Mesh.ToPly()));
                entries.AddRange(parts.Skip(1).Select(p => (p.Mesh.Name + ".ply", p.Mesh.ToPly())));
                break;
        }

        entries.AddRange(textured.Select(t => (t.TextureName, t.Texture())));
        return entries;
    }

    private static readonly IReadOnlyDictionary<string, Func<byte[]>> Empty = new Dictionary<string, Func<byte[]>>();

    private static string? Text(JsonNode? node) => node?.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : null;

    private static bool? Flag(JsonNode? node) => node?.GetValueKind() switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };

    private static List<string> List(JsonNode? node) =>
        node is JsonArray array ? array.Select(v => v?.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null).OfType<string>().ToList() : [];
}
