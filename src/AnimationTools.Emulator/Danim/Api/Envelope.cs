using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AnimationTools.Emulator.Danim;

/// <summary>
/// The answer shape of every write and upload (contract §4): <c>success</c>, <c>data</c> (an object, or <c>[]</c> for
/// commands without output), <c>message</c> and <c>meta</c> (<c>type</c> on failure, <c>warnings</c> on success when there
/// are any). Failures are HTTP 200.
/// </summary>
internal static class Envelope
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = null,
        DictionaryKeyPolicy = null,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Success; <paramref name="data"/> null gives <c>"data": []</c>.</summary>
    public static IResult Success(object? data, IReadOnlyList<string>? warnings = null)
    {
        var body = new JsonObject
        {
            ["success"] = true,
            ["data"] = data is null ? new JsonArray() : JsonSerializer.SerializeToNode(data, Json),
        };
        if (warnings is { Count: > 0 })
        {
            body["meta"] = new JsonObject { ["warnings"] = new JsonArray(warnings.Select(w => (JsonNode)JsonValue.Create(w)).ToArray()) };
        }

        return Results.Json(body, Json);
    }

    public static IResult Failure(string type, string message, IReadOnlyList<Violation>? violations = null, int status = StatusCodes.Status200OK)
    {
        var meta = new JsonObject { ["type"] = type };
        if (violations is { Count: > 0 })
        {
            // An emulator addition: the real service names one problem; tests and the module's own check compare them all.
            meta["violations"] = JsonSerializer.SerializeToNode(violations.Select(v => v.ToWire()), Json);
        }

        var body = new JsonObject { ["success"] = false, ["message"] = message, ["meta"] = meta };
        return Results.Json(body, Json, statusCode: status);
    }
}
