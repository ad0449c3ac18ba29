using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace AnimationTools.Emulator.AvatarSdk;

/// <summary>
/// Per-avatar files of a completed avatar (§5.2): mesh and point cloud (zipped binary PLY, LODs), textures (JPEG, PNG
/// masks), thumbnail, haircuts, blendshapes (204 when none) and model info. Avatars made with export parameters get
/// 400 on the mesh/texture/haircut/blendshape routes: their data comes as exports.
/// </summary>
internal sealed class AssetRoutes(AvatarSdkState state)
{
    public void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/avatars/{code}/mesh/", Mesh);
        api.MapGet("/avatars/{code}/pointcloud/", (string code, HttpContext context) =>
            WithAsset(context, code, true, a => Zip(Head(a, 0).ToPly(pointCloud: true), "model_pointcloud.ply", a.Code + "_pointcloud.zip")));
        api.MapGet("/avatars/{code}/texture/", (string code, HttpContext context) =>
            WithAsset(context, code, true, _ => Results.File(Jpeg.Texture, "image/jpeg", "model.jpg")));
        api.MapGet("/avatars/{code}/thumbnail/", Thumbnail);
        api.MapGet("/avatars/{code}/textures/", (string code, HttpContext context) =>
            WithAsset(context, code, true, a => Drf.Json(TextureIdentities(a).Select(t => new Dictionary<string, string>
            {
                ["identity"] = t,
                ["file"] = AvatarSdkUrls.Avatar(context, a.Code, $"textures/{t}/file/"),
            }).ToList())));
        api.MapGet("/avatars/{code}/textures/{identity}/file/", (string code, string identity, HttpContext context) =>
            WithAsset(context, code, true, a => !TextureIdentities(a).Contains(identity) ? Drf.NotFound()
                : identity == "lips_mask" ? Results.File(Png.Pattern(128, 128, 7, alpha: true), "image/png", identity + ".png")
                : Results.File(Jpeg.Texture, "image/jpeg", identity + ".jpg")));
        api.MapGet("/avatars/{code}/haircuts/", (string code, HttpContext context) =>
            WithAsset(context, code, true, a => Paging.Page(context, Haircuts(a), h => HaircutDto(context, a, h))));
        api.MapGet("/avatars/{code}/haircuts/pointclouds/", (string code, HttpContext context) =>
            WithAsset(context, code, true, a => Results.File(AvatarSdk.Zip.Of(Haircuts(a).Select(h => (h + ".ply", HaircutMesh(h).ToPly(pointCloud: true)))),
                "application/zip", a.Code + "_haircuts_pointclouds.zip")));
        api.MapGet("/avatars/{code}/haircuts/{identity}/", (string code, string identity, HttpContext context) =>
            WithHaircut(context, code, identity, (a, h) => Drf.Json(HaircutDto(context, a, h))));
        api.MapGet("/avatars/{code}/haircuts/{identity}/mesh/", (string code, string identity, HttpContext context) =>
            WithHaircut(context, code, identity, (_, h) => Zip(HaircutMesh(h).ToPly(), h + ".ply", h + ".zip")));
        api.MapGet("/avatars/{code}/haircuts/{identity}/pointcloud/", (string code, string identity, HttpContext context) =>
            WithHaircut(context, code, identity, (a, h) => Zip(HaircutMesh(h, a.Code).ToPly(pointCloud: true), h + ".ply", h + "_pointcloud.zip")));
        api.MapGet("/avatars/{code}/haircuts/{identity}/texture/", (string code, string identity, HttpContext context) =>
            WithHaircut(context, code, identity, (_, h) => Results.File(Png.Pattern(128, 128, StaticResources.StableSeed(h), alpha: true), "image/png", h + ".png")));
        api.MapGet("/avatars/{code}/haircuts/{identity}/preview/", (string code, string identity, HttpContext context) =>
            WithHaircut(context, code, identity, (_, h) => Results.File(Png.Pattern(96, 96, StaticResources.StableSeed(h) + 3), "image/png", h + "_preview.png")));
        api.MapGet("/avatars/{code}/blendshapes/", Blendshapes);
        api.MapGet("/avatars/{code}/model_info/", (string code, HttpContext context) =>
            WithAsset(context, code, false, a => Results.Text(ModelInfo.Write(a), "application/json", Encoding.UTF8)));
    }

    private IResult Mesh(string code, HttpContext context) => WithAsset(context, code, true, avatar =>
    {
        var lodText = context.Request.Query["lod"].ToString();
        var lod = 0;
        if (lodText.Length > 0)
        {
            var max = PipelineCatalog.MaxMeshLod(avatar.Pipeline, avatar.Subtype);
            if (!int.TryParse(lodText, NumberStyles.None, CultureInfo.InvariantCulture, out lod) || max is null || lod > max)
            {
                return Drf.Field("lod", max is null
                    ? $"LODs are not supported for {avatar.Pipeline} {avatar.Subtype}."
                    : $"Select a valid choice: an integer 0-{max}.");
            }
        }

        var format = context.Request.Query["fmt"].ToString();
        if (format.Length > 0 && format != "ply")
        {
            return Drf.Field("fmt", $"\"{format}\" is not a valid choice.");
        }

        return Zip(Head(avatar, lod).ToPly(), "model.ply", $"{avatar.Code}_mesh_lod{lod}.zip");
    });

    private IResult Thumbnail(string code, HttpContext context) => WithAsset(context, code, false, _ =>
    {
        static int Size(string text) => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? Math.Min(n, 256) : 256;
        var width = Size(context.Request.Query["max_w"].ToString());
        var height = Size(context.Request.Query["max_h"].ToString());
        var side = Math.Min(width, height);
        return Results.File(Png.Pattern(side, side, 11), "image/png", "thumbnail.png");
    });

    private IResult Blendshapes(string code, HttpContext context) => WithAsset(context, code, true, avatar =>
    {
        var sets = ParameterValidator.Names(avatar.Parameters, "blendshapes");
        var format = context.Request.Query["fmt"].ToString();
        if (format.Length > 0 && format is not ("ply" or "fbx" or "bin"))
        {
            return Drf.Field("fmt", $"\"{format}\" is not a valid choice.");
        }

        var lodText = context.Request.Query["lod"].ToString();
        var lod = 0;
        if (lodText.Length > 0)
        {
            var max = PipelineCatalog.MaxBlendshapeLod(avatar.Pipeline, avatar.Subtype);
            if (!int.TryParse(lodText, NumberStyles.None, CultureInfo.InvariantCulture, out lod) || max is null || lod > max)
            {
                return Drf.Field("lod", max is null ? $"LODs are not supported for {avatar.Pipeline} {avatar.Subtype} blendshapes." : $"Select a valid choice: an integer 0-{max}.");
            }
        }

        if (sets.Count == 0)
        {
            return Results.NoContent();
        }

        var names = sets.SelectMany(PipelineCatalog.BlendshapeNames).Distinct().ToList();
        var archive = format switch
        {
            "fbx" => AvatarSdk.Zip.Of("blendshapes.fbx", FbxStub.Write("blendshapes")),
            "bin" => AvatarSdk.Zip.Of("blendshapes.bin", Encoding.UTF8.GetBytes(string.Join("\n", names))),
            _ => AvatarSdk.Zip.Of(names.Select(n => (n + ".ply", Head(avatar, lod + 3).ToPly(pointCloud: true)))),
        };
        return Results.File(archive, "application/zip", $"{avatar.Code}_blendshapes.zip");
    });

    /// <summary>Runs <paramref name="serve"/> on a visible, completed avatar; per-avatar assets are refused for export avatars.</summary>
    private IResult WithAsset(HttpContext context, string code, bool assetOfAvatar, Func<AvatarRecord, IResult> serve)
    {
        if (state.Visible(Caller.Of(context), code) is not { } avatar)
        {
            return Drf.NotFound();
        }

        if (!avatar.StateAt(state.Clock.GetUtcNow()).IsCompleted)
        {
            return Drf.NotFound("The avatar is not completed yet.");
        }

        if (assetOfAvatar && avatar.UsesExports)
        {
            return Drf.Detail(StatusCodes.Status400BadRequest, "This avatar was created with export parameters: its data is in its exports.");
        }

        return serve(avatar);
    }

    private IResult WithHaircut(HttpContext context, string code, string identity, Func<AvatarRecord, string, IResult> serve) =>
        WithAsset(context, code, true, a => Haircuts(a).Contains(identity) ? serve(a, identity) : Drf.NotFound());

    private static IResult Zip(byte[] ply, string entry, string fileName) =>
        Results.File(AvatarSdk.Zip.Of(entry, ply), "application/zip", fileName);

    private static Mesh Head(AvatarRecord avatar, int lod) => AvatarSdk.Mesh.Ellipsoid("head", lod, 0.09f + StaticResources.StableSeed(avatar.Code) % 10 * 0.001f);

    private static Mesh HaircutMesh(string name, string? avatarCode = null) =>
        AvatarSdk.Mesh.Ellipsoid(name, 4, 0.1f + (avatarCode is null ? 0 : StaticResources.StableSeed(avatarCode) % 10 * 0.001f), 0.08f, 0.11f, cy: 1.66f);

    private static List<string> Haircuts(AvatarRecord avatar) => ParameterValidator.Names(avatar.Parameters, "haircuts").ToList();

    private static List<string> TextureIdentities(AvatarRecord avatar) => ["model", .. ParameterValidator.Names(avatar.Parameters, "additional_textures")];

    private static object HaircutDto(HttpContext context, AvatarRecord avatar, string identity)
    {
        string Url(string rest = "") => AvatarSdkUrls.Avatar(context, avatar.Code, $"haircuts/{identity}/{rest}");
        return new Dictionary<string, string>
        {
            ["identity"] = identity,
            ["gender"] = identity.StartsWith("female", StringComparison.Ordinal) ? "female" : identity.StartsWith("male", StringComparison.Ordinal) ? "male" : "unisex",
            ["preview"] = Url("preview/"),
            ["url"] = Url(),
            ["texture"] = Url("texture/"),
            ["model"] = AvatarSdkUrls.Avatar(context, avatar.Code),
            ["pointcloud"] = Url("pointcloud/"),
            ["mesh"] = Url("mesh/"),
        };
    }
}

/// <summary>The model info JSON (§7.4): pipeline and subtype, plus the keys of the flags that were requested.</summary>
internal static class ModelInfo
{
    public static string Write(AvatarRecord avatar)
    {
        var flags = ParameterValidator.Names(avatar.Parameters, "model_info");
        var info = new JsonObject();
        var seed = StaticResources.StableSeed(avatar.Code);
        JsonObject Colour(int offset) => new() { ["blue"] = (seed + offset) % 200 + 30, ["green"] = (seed / 7 + offset) % 200 + 30, ["red"] = (seed / 13 + offset) % 200 + 40 };
        foreach (var flag in flags)
        {
            switch (flag)
            {
                case "age":
                    info["age"] = "not_child";
                    info["age_confidence"] = 1;
                    break;
                case "gender":
                    info["gender"] = seed % 2 == 0 ? "male" : "female";
                    info["gender_confidence"] = 0.9999961853027344;
                    break;
                case "race":
                    info["race"] = "white";
                    info["race_confidence"] = 0.9999996423721313;
                    info["races"] = new JsonObject { ["asian"] = 2.615514413124159e-13, ["black"] = 4.136433915391535e-07, ["white"] = 0.9999996423721313 };
                    break;
                case "predict_haircut":
                    info["haircut_name"] = avatar.Pipeline == "head_2.0" ? "long_hair2" : PipelineCatalog.BaseHaircuts[seed % PipelineCatalog.BaseHaircuts.Length];
                    if (avatar.Pipeline == "head_2.0")
                    {
                        var weights = new JsonObject();
                        foreach (var name in PipelineCatalog.Head20Haircuts)
                        {
                            weights[name] = name == "long_hair2" ? 0.075968898832798 : 0.02;
                        }

                        info["haircut_full_info"] = weights;
                    }

                    break;
                case "body_shape_coeffs_10":
                    info["body_shape_coeffs_10"] = new JsonArray(Enumerable.Range(0, 10).Select(i => (JsonNode)(Math.Round(Math.Sin(seed + i), 4))).ToArray());
                    break;
                case "facial_landmarks_68":
                    break;
                default:
                    info[flag] = Colour(flag.Length * 17);
                    break;
            }
        }

        foreach (var (name, value) in ParameterValidator.Pairs(avatar.Parameters, "avatar_modifications"))
        {
            if (name is "remove_smile" or "remove_stubble" or "remove_glasses" && value?.GetValueKind() == System.Text.Json.JsonValueKind.True)
            {
                info[name] = "removed";
            }
        }

        info["pipeline"] = avatar.Pipeline;
        info["pipeline_subtype"] = avatar.Subtype;
        var json = info.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
        if (!flags.Contains("facial_landmarks_68"))
        {
            return json;
        }

        // Bare NaN tokens, as the service writes undetected landmarks: not valid JSON, so written by hand.
        var legacy = avatar.Pipeline == "animated_face";
        var landmarks = new StringBuilder("[");
        for (var i = 0; i < 68; i++)
        {
            var missing = legacy && (i <= 7 || (i >= 9 && i <= 16));
            for (var axis = 0; axis < 3; axis++)
            {
                landmarks.Append(i == 0 && axis == 0 ? "" : ", ");
                landmarks.Append(missing ? "NaN" : ((axis == 2 ? 0.05 : 0.5) + Math.Sin(i + axis) * 0.1).ToString("0.######", CultureInfo.InvariantCulture));
            }
        }

        landmarks.Append(']');
        return json.TrimEnd()[..^1].TrimEnd() + ",\n  \"facial_landmarks_68\": " + landmarks + "\n}";
    }
}
