using System.Text;
using System.Text.Json;

namespace AnimationTools.Emulator.HourOne;

/// <summary>How FastAPI turns a request body into the value its models validate.</summary>
internal static class JsonInput
{
    /// <summary>FastAPI reads JSON when the content type is absent or JSON; any other body is bytes, which no model accepts.</summary>
    public static (JsonElement? Root, IReadOnlyList<ValidationIssue>? Issues) Parse(byte[] body, string? contentType)
    {
        if (body.Length == 0)
        {
            return (null, [new ValidationIssue(["body"], "field required", "value_error.missing")]);
        }

        if (!string.IsNullOrEmpty(contentType) && !IsJson(contentType))
        {
            return (null, [new ValidationIssue(["body"], "value is not a valid dict", "type_error.dict")]);
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            return (document.RootElement.Clone(), null);
        }
        catch (JsonException ex)
        {
            // Python's json module reports "<reason>: line L column C (char P)"; its reasons cannot all be reproduced.
            var text = Encoding.UTF8.GetString(body);
            var line = (int)(ex.LineNumber ?? 0);
            var lineStart = 0;
            for (var i = 0; i < line && lineStart >= 0; i++)
            {
                lineStart = text.IndexOf('\n', lineStart) + 1;
            }

            var lineBytes = Encoding.UTF8.GetBytes(text[Math.Max(0, lineStart)..]);
            var column = Encoding.UTF8.GetString(lineBytes, 0, (int)Math.Min(ex.BytePositionInLine ?? 0, lineBytes.Length)).Length;
            var pos = Math.Max(0, lineStart) + column;
            return (null, [new ValidationIssue(["body", pos], $"Expecting value: line {line + 1} column {column + 1} (char {pos})", "value_error.jsondecode",
                new() { ["msg"] = "Expecting value", ["doc"] = text, ["pos"] = pos, ["lineno"] = line + 1, ["colno"] = column + 1 })]);
        }
    }

    private static bool IsJson(string contentType)
    {
        var media = contentType.Split(';')[0].Trim().ToLowerInvariant();
        return media == "application/json" || (media.StartsWith("application/", StringComparison.Ordinal) && media.EndsWith("+json", StringComparison.Ordinal));
    }
}
