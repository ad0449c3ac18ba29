using System.Text.Json;
using System.Text.Json.Nodes;

namespace AnimationTools.Emulator.AvatarSdk;

/// <summary>
/// Checks the JSON of the <c>parameters</c> and <c>export_parameters</c> form fields against the catalogue and the
/// value rules of §6.3, §7.3 and §7.5. Failures are <see cref="FieldException"/>s naming the form field.
/// </summary>
internal static class ParameterValidator
{
    private static readonly HashSet<string> KeyValueCategories = ["avatar_modifications", "shape_modifications", "body_shape"];

    public static JsonObject ParseObject(string field, string text)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(text);
        }
        catch (JsonException ex)
        {
            throw new FieldException(field, $"Value must be valid JSON: {ex.Message}");
        }

        return node as JsonObject ?? throw new FieldException(field, "Value must be a JSON object.");
    }

    /// <summary>Computation parameters: categories and names known for the pipeline/subtype, values of the right kind.</summary>
    public static void Computation(JsonObject parameters, string pipeline, string subtype)
    {
        var available = Flatten(PipelineCatalog.Available(pipeline, subtype));
        foreach (var (category, value) in parameters)
        {
            if (!available.TryGetValue(category, out var names))
            {
                throw new FieldException("parameters", $"Unknown category '{category}' for {pipeline} {subtype}.");
            }

            // The group level may be omitted (body_0.3), so accept both {group: x} and x.
            var groups = value is JsonObject obj && !KeyValueCategories.Contains(category) ? obj.Select(p => p.Value)
                : value is JsonObject kv && KeyValueCategories.Contains(category) && kv.All(p => p.Value is JsonObject) ? kv.Select(p => p.Value)
                : [value];
            foreach (var group in groups)
            {
                if (KeyValueCategories.Contains(category))
                {
                    if (group is not JsonObject pairs)
                    {
                        throw new FieldException("parameters", $"'{category}' takes name-value pairs (a JSON object).");
                    }

                    foreach (var (name, v) in pairs)
                    {
                        if (!names.Contains(name))
                        {
                            throw new FieldException("parameters", $"Unknown {category} parameter '{name}' for {pipeline} {subtype}.");
                        }

                        CheckValue(category, name, v);
                    }
                }
                else
                {
                    if (group is not JsonArray list)
                    {
                        throw new FieldException("parameters", $"'{category}' takes a list of names (a JSON array).");
                    }

                    foreach (var item in list)
                    {
                        var name = item is JsonValue text && text.TryGetValue<string>(out var s) ? s : null;
                        if (name is null || !names.Contains(name))
                        {
                            throw new FieldException("parameters", $"Unknown {category} value '{item?.ToJsonString()}' for {pipeline} {subtype}.");
                        }
                    }
                }
            }
        }
    }

    /// <summary>Every name per category, groups merged.</summary>
    public static Dictionary<string, HashSet<string>> Flatten(JsonObject parameters)
    {
        var result = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var (category, value) in parameters)
        {
            var names = result[category] = new HashSet<string>(StringComparer.Ordinal);
            foreach (var list in value is JsonObject groups ? groups.Select(g => g.Value) : [value])
            {
                if (list is JsonArray array)
                {
                    names.UnionWith(array.Select(n => n?.GetValue<string>()).OfType<string>());
                }
                else if (list is JsonObject pairs)
                {
                    names.UnionWith(pairs.Select(p => p.Key));
                }
            }
        }

        return result;
    }

    /// <summary>Names listed in one enumerable category of submitted parameters (any group).</summary>
    public static IReadOnlyList<string> Names(JsonObject? parameters, string category)
    {
        if (parameters?[category] is not { } value)
        {
            return [];
        }

        var lists = value is JsonObject groups ? groups.Select(g => g.Value) : [value];
        return lists.OfType<JsonArray>().SelectMany(a => a).Select(n => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : null).OfType<string>().Distinct().ToList();
    }

    /// <summary>The key-value pairs of one category (any group).</summary>
    public static IReadOnlyDictionary<string, JsonNode?> Pairs(JsonObject? parameters, string category)
    {
        var result = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        if (parameters?[category] is not JsonObject value)
        {
            return result;
        }

        var groups = value.All(p => p.Value is JsonObject) ? value.Select(p => (JsonObject)p.Value!) : [value];
        foreach (var group in groups)
        {
            foreach (var (name, v) in group)
            {
                result[name] = v;
            }
        }

        return result;
    }

    private static void CheckValue(string category, string name, JsonNode? value)
    {
        if (PipelineCatalog.ColourModifications.Contains(name))
        {
            Colour("parameters", $"{category}.{name}", value);
        }
        else if (PipelineCatalog.SizeModifications.Contains(name))
        {
            Size("parameters", $"{category}.{name}", value);
        }
        else if (name is "caricature_amount" or "cartoonish_v0.3" or "cartoonish_v1.0" or "generated_haircut_faces_count")
        {
            if (Number(value) is not >= 0)
            {
                throw new FieldException("parameters", $"{category}.{name} must be a number >= 0.");
            }
        }
        else if (category == "body_shape")
        {
            if (name == "gender")
            {
                if (value?.GetValueKind() != JsonValueKind.String || value.GetValue<string>() is not ("female" or "male" or "non_binary"))
                {
                    throw new FieldException("parameters", "body_shape.gender must be female, male or non_binary.");
                }
            }
            else if (Number(value) is not > 0)
            {
                throw new FieldException("parameters", $"body_shape.{name} must be a positive number.");
            }
        }
        else if (value?.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
        {
            throw new FieldException("parameters", $"{category}.{name} must be true or false.");
        }
    }

    private static double? Number(JsonNode? value) =>
        value?.GetValueKind() == JsonValueKind.Number ? value.GetValue<double>() : null;

    public static void Colour(string field, string what, JsonNode? value)
    {
        if (value is not JsonObject colour || colour.Count != 3
            || new[] { "red", "green", "blue" }.Any(c => colour[c] is not JsonValue v || !v.TryGetValue<int>(out var n) || n is < 0 or > 255))
        {
            throw new FieldException(field, $"{what} must be a colour {{\"red\", \"green\", \"blue\"}} with integers 0-255.");
        }
    }

    public static void Size(string field, string what, JsonNode? value)
    {
        if (value is not JsonObject size || size.Count != 2
            || new[] { "width", "height" }.Any(c => size[c] is not JsonValue v || !v.TryGetValue<int>(out var n) || n <= 0))
        {
            throw new FieldException(field, $"{what} must be a size {{\"width\", \"height\"}} with positive integers.");
        }
    }

    /// <summary>Export parameters (§6.3): known categories, list values from the catalogue, formats, LODs, colours, sizes.</summary>
    public static void Export(JsonObject exportParameters, string pipeline, string subtype)
    {
        if (!PipelineCatalog.IsExportPipeline(pipeline))
        {
            throw new FieldException("export_parameters", $"Export parameters are not supported for the {pipeline} pipeline.");
        }

        var metaPerson = pipeline == "metaperson_2.0";
        var available = PipelineCatalog.ExportAvailable(pipeline, subtype);
        CheckFlags(exportParameters, "export_parameters", metaPerson);
        foreach (var (key, value) in exportParameters)
        {
            if (value is not JsonObject section || key == "textures")
            {
                continue;
            }

            if (available[key] is not { } values)
            {
                throw new FieldException("export_parameters", $"Unknown export category '{key}' for {pipeline} {subtype}.");
            }

            CheckFlags(section, $"export_parameters.{key}", metaPerson);
            var allowed = (values is JsonObject mp ? mp["list"]!.AsArray() : values.AsArray()).Select(v => v!.GetValue<string>()).ToHashSet();
            if (section["list"] is { } list)
            {
                if (list is not JsonArray items || items.Any(i => i is not JsonValue v || !v.TryGetValue<string>(out var s) || !allowed.Contains(s)))
                {
                    throw new FieldException("export_parameters", $"{key}.list must list values from /export_parameters/available/{pipeline}/ ({string.Join(", ", allowed)}).");
                }
            }
        }
    }

    private static void CheckFlags(JsonObject section, string where, bool metaPerson)
    {
        if (section["format"] is { } format && format.GetValueKind() != JsonValueKind.Null
            && (format.GetValueKind() != JsonValueKind.String || !PipelineCatalog.ExportFormats.Contains(format.GetValue<string>())))
        {
            throw new FieldException("export_parameters", $"{where}.format must be one of {string.Join(", ", PipelineCatalog.ExportFormats)}.");
        }

        if (section["lod"] is { } lod && lod.GetValueKind() != JsonValueKind.Null)
        {
            var valid = metaPerson
                ? lod.GetValueKind() == JsonValueKind.String && lod.GetValue<string>() is "LOD1" or "LOD2"
                : lod.GetValueKind() == JsonValueKind.Number && lod.GetValue<double>() is >= 0 and <= 8 && lod.GetValue<double>() % 1 == 0;
            if (!valid)
            {
                throw new FieldException("export_parameters", $"{where}.lod must be {(metaPerson ? "\"LOD1\" or \"LOD2\"" : "an integer 0-8")}.");
            }
        }

        if (section["color"] is { } colour && colour.GetValueKind() != JsonValueKind.Null)
        {
            Colour("export_parameters", where + ".color", colour);
        }

        if (section["texture_size"] is { } size && size.GetValueKind() != JsonValueKind.Null)
        {
            Size("export_parameters", where + ".texture_size", size);
        }

        foreach (var flag in new[] { "embed", "embed_textures", "pointclouds", "finalize", "make_public", "make_public_direct", "split_vertices", "export_quads", "apply_visibility_masks" })
        {
            if (section[flag] is { } v && v.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null))
            {
                throw new FieldException("export_parameters", $"{where}.{flag} must be true, false or null.");
            }
        }

        if (section["textures"] is JsonObject textures && textures["profile"] is { } profile && profile.GetValueKind() != JsonValueKind.Null
            && (profile.GetValueKind() != JsonValueKind.String || !PipelineCatalog.TextureProfiles.Contains(profile.GetValue<string>())))
        {
            throw new FieldException("export_parameters", $"{where}.textures.profile must be one of {string.Join(", ", PipelineCatalog.TextureProfiles)}.");
        }
    }
}
