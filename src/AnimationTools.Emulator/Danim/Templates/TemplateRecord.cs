using System.Text.Json;
using System.Text.Json.Nodes;

namespace AnimationTools.Emulator.Danim;

/// <summary>A template videos are generated from: its specs (served by GraphQL as a JSON string) and its input ids.</summary>
internal sealed class TemplateRecord
{
    private TemplateRecord(string id, string name, JsonObject specs, IReadOnlyList<string> inputs, string? workspaceId, bool seeded)
    {
        Id = id;
        Name = name;
        SpecsJson = specs.ToJsonString();
        Specs = TemplateSpecs.Parse(specs);
        Inputs = inputs;
        WorkspaceId = workspaceId;
        Seeded = seeded;
    }

    public string Id { get; }

    public string Name { get; }

    /// <summary>The <c>specs</c> field as GraphQL serves it: stringified JSON (§6).</summary>
    public string SpecsJson { get; }

    public TemplateSpecs Specs { get; }

    public IReadOnlyList<string> Inputs { get; }

    /// <summary>When set, videos of this template must be created in that workspace (else <c>WorkspaceInconsistency</c>).</summary>
    public string? WorkspaceId { get; }

    public bool Seeded { get; }

    /// <summary>
    /// A template from <c>{"id", "name", "specs", "inputs", "workspaceId"}</c>; <c>specs</c> may be an object or a JSON
    /// string, <c>inputs</c> defaults to every input id of the specs. <see cref="FormatException"/> when malformed.
    /// </summary>
    public static TemplateRecord From(JsonObject source, bool seeded = false)
    {
        var specs = source["specs"] switch
        {
            JsonObject o => (JsonObject)o.DeepClone(),
            JsonValue v when v.GetValueKind() == JsonValueKind.String => ParseSpecs(v.GetValue<string>()),
            _ => throw new FormatException("specs must be an object or a JSON string holding one."),
        };
        var parsed = TemplateSpecs.Parse(specs);
        var inputs = source["inputs"] switch
        {
            null => parsed.InputIds.ToList(),
            JsonArray a when a.All(i => i?.GetValueKind() == JsonValueKind.String) => a.Select(i => i!.GetValue<string>()).ToList(),
            _ => throw new FormatException("inputs must be an array of strings."),
        };
        var id = Text(source, "id") ?? Guid.NewGuid().ToString();
        return new TemplateRecord(id, Text(source, "name") ?? "Template " + id, specs, inputs, Text(source, "workspaceId"), seeded);
    }

    private static JsonObject ParseSpecs(string json)
    {
        try
        {
            return JsonNode.Parse(json) as JsonObject ?? throw new FormatException("specs must hold a JSON object.");
        }
        catch (JsonException ex)
        {
            throw new FormatException("specs is not valid JSON: " + ex.Message);
        }
    }

    private static string? Text(JsonObject o, string name) => o[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
}
