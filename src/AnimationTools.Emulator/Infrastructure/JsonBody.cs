using System.Text.Json;

namespace AnimationTools.Emulator.Infrastructure;

/// <summary>Reads a request body that must be one JSON object, turning malformed input into a 400 instead of an exception.</summary>
internal static class JsonBody
{
    public static async Task<JsonBodyResult> ReadObjectAsync(HttpRequest request, bool emptyIsEmptyObject = false)
    {
        using var copy = new MemoryStream();
        try
        {
            await request.Body.CopyToAsync(copy, request.HttpContext.RequestAborted);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or BadHttpRequestException)
        {
            // The client is gone or sent a broken body; nobody will read this answer, but it must not look like a crash.
            return new JsonBodyResult(null, ApiResults.BadRequest("The request body could not be read."));
        }
        if (copy.Length == 0)
        {
            return emptyIsEmptyObject
                ? new JsonBodyResult(JsonDocument.Parse("{}").RootElement, null)
                : new JsonBodyResult(null, ApiResults.BadRequest("A JSON object body is required."));
        }

        try
        {
            using var document = JsonDocument.Parse(copy.ToArray());
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return new JsonBodyResult(null, ApiResults.BadRequest("The body must be a JSON object."));
            }

            return new JsonBodyResult(document.RootElement.Clone(), null);
        }
        catch (JsonException ex)
        {
            return new JsonBodyResult(null, ApiResults.BadRequest($"Malformed JSON body: {ex.Message}"));
        }
    }

    public static async Task<(T? Value, IResult? Error)> ReadAsync<T>(HttpRequest request)
        where T : class, new()
    {
        var body = await ReadObjectAsync(request, emptyIsEmptyObject: true);
        if (body.Error is not null)
        {
            return (null, body.Error);
        }

        try
        {
            return (body.Root!.Value.Deserialize<T>(EmulatorJson.Options) ?? new T(), null);
        }
        catch (JsonException ex)
        {
            return (null, ApiResults.BadRequest($"Invalid body: {ex.Message}"));
        }
    }

    public static string? OptionalString(this JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static bool HasNonNull(this JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null;
}

internal readonly record struct JsonBodyResult(JsonElement? Root, IResult? Error);
