using System.Text.Json;
using System.Text.Json.Nodes;

namespace AnimationTools.Emulator.Danim;

/// <summary>One text or file input of a composition (§8.2); the rules are read from the spec object as written.</summary>
internal sealed class InputSpec
{
    private readonly JsonObject raw;

    public InputSpec(JsonObject raw, bool isFile)
    {
        this.raw = raw;
        IsFile = isFile;
        Id = Text("id") ?? throw new FormatException("Every input needs a string \"id\".");
        Type = Text("type") ?? (isFile ? "image" : "text");
        var types = isFile ? FileTypes : TextTypes;
        if (!types.Contains(Type))
        {
            throw new FormatException($"Input \"{Id}\": type \"{Type}\" is not one of {string.Join(", ", types)}.");
        }
    }

    public static readonly IReadOnlyList<string> TextTypes = ["text", "number", "paragraph", "select", "boolean"];

    public static readonly IReadOnlyList<string> FileTypes = ["image", "video", "image_video"];

    public string Id { get; }

    public bool IsFile { get; }

    /// <summary><c>text</c>, <c>number</c>, <c>paragraph</c>, <c>select</c>, <c>boolean</c>; <c>image</c>, <c>video</c>, <c>image_video</c>.</summary>
    public string Type { get; }

    public bool Required => Bool("required");

    public bool StrictCheck => Bool("strict_check");

    public int? MaxLength => Int("max_length");

    public bool IsInt => Bool("is_int");

    public double? MinNumericValue => Number("min_numeric_value");

    public double? MaxNumericValue => Number("max_numeric_value");

    public int? MaxParagraphLineLength => Int("max_paragraph_line_length");

    public int? MaxParagraphLines => Int("max_paragraph_lines");

    /// <summary>The values of a select: strings, or objects whose <c>value</c> is the string.</summary>
    public IReadOnlyList<string>? Values => raw["values"] is JsonArray values
        ? values.Select(v => v is JsonObject o ? o["value"]?.ToString() ?? string.Empty : v?.ToString() ?? string.Empty).ToList()
        : null;

    public int? MinWidth => Int("min_width");

    public int? MinHeight => Int("min_height");

    public int? MaxWidth => Int("max_width");

    public int? MaxHeight => Int("max_height");

    public string? DurationStrategy => Text("duration_strategy");

    public double? Duration => Number("duration");

    public double? MinDuration => Number("min_duration");

    public double? MaxDuration => Number("max_duration");

    private string? Text(string name) => raw[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    private bool Bool(string name) => raw[name] is JsonValue v && v.GetValueKind() == JsonValueKind.True;

    private int? Int(string name) => Number(name) is { } n ? (int)n : null;

    private double? Number(string name) => raw[name] is JsonValue v && v.GetValueKind() == JsonValueKind.Number ? v.GetValue<double>() : null;
}

/// <summary>One composition (§8.2): a scene of the template, possibly part of a repeatable (dynamic) zone.</summary>
internal sealed record CompositionSpec(
    string Id,
    bool Required,
    bool IsDynamic,
    int? MinDynamicZoneQuantity,
    int? MaxDynamicZoneQuantity,
    bool DynamicZoneStart,
    bool DynamicZoneEnd,
    IReadOnlyList<InputSpec> Inputs);

/// <summary>The parsed <c>specs</c> of a template: its compositions, in order.</summary>
internal sealed record TemplateSpecs(IReadOnlyList<CompositionSpec> Compositions)
{
    /// <summary>Parses a specs object; <see cref="FormatException"/> when its shape is not that of §8.2.</summary>
    public static TemplateSpecs Parse(JsonObject specs)
    {
        if (specs["compositions"] is not JsonArray compositions)
        {
            throw new FormatException("specs.compositions must be an array.");
        }

        var result = new List<CompositionSpec>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in compositions)
        {
            if (node is not JsonObject c || c["id"]?.GetValueKind() != JsonValueKind.String)
            {
                throw new FormatException("Every composition must be an object with a string \"id\".");
            }

            var inputs = new List<InputSpec>();
            foreach (var (key, isFile) in new[] { ("texts", false), ("files", true) })
            {
                if (c[key] is null)
                {
                    continue;
                }

                if (c[key] is not JsonArray list || list.Any(i => i is not JsonObject))
                {
                    throw new FormatException($"Composition \"{c["id"]}\": {key} must be an array of objects.");
                }

                foreach (var input in list.Cast<JsonObject>())
                {
                    var spec = new InputSpec(input, isFile);
                    if (!ids.Add(spec.Id))
                    {
                        throw new FormatException($"The input id \"{spec.Id}\" appears twice.");
                    }

                    inputs.Add(spec);
                }
            }

            result.Add(new CompositionSpec(
                c["id"]!.GetValue<string>(),
                Flag(c, "required"),
                Flag(c, "is_dynamic"),
                Count(c, "min_dynamic_zone_quantity"),
                Count(c, "max_dynamic_zone_quantity"),
                Flag(c, "dynamic_zone_start"),
                Flag(c, "dynamic_zone_end"),
                inputs));
        }

        return new TemplateSpecs(result);
    }

    public IEnumerable<string> InputIds => Compositions.SelectMany(c => c.Inputs).Select(i => i.Id);

    /// <summary>
    /// The compositions grouped as the video is built: a dynamic zone (from a <c>dynamic_zone_start</c> composition to the
    /// next <c>dynamic_zone_end</c> one, or to the last of a run of dynamic compositions) is one group; every other
    /// composition is a group of its own.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<CompositionSpec>> Groups()
    {
        var groups = new List<IReadOnlyList<CompositionSpec>>();
        List<CompositionSpec>? zone = null;
        foreach (var composition in Compositions)
        {
            if (!composition.IsDynamic)
            {
                zone = null;
                groups.Add([composition]);
                continue;
            }

            if (zone is null || composition.DynamicZoneStart)
            {
                zone = [];
                groups.Add(zone);
            }

            zone.Add(composition);
            if (composition.DynamicZoneEnd)
            {
                zone = null;
            }
        }

        return groups;
    }

    private static bool Flag(JsonObject o, string name) => o[name]?.GetValueKind() == JsonValueKind.True;

    private static int? Count(JsonObject o, string name) => o[name]?.GetValueKind() == JsonValueKind.Number ? (int)o[name]!.GetValue<double>() : null;
}
