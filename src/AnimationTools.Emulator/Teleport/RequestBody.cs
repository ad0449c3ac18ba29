using System.Globalization;
using System.Text.Json;

namespace AnimationTools.Emulator.Teleport;

/// <summary>
/// A JSON request body checked field by field the way pydantic (v2, lax mode) does for FastAPI: every problem is
/// collected, then answered at once as a 422 with <c>loc</c> <c>["body", field, …]</c>.
/// </summary>
internal sealed class RequestBody
{
    private readonly List<ValidationError> errors = [];

    private RequestBody(JsonElement root)
    {
        Root = root;
    }

    public JsonElement Root { get; }

    /// <summary>Reads the body; a missing, malformed or non-object body is already a 422.</summary>
    public static async Task<RequestBody> ReadAsync(HttpRequest request)
    {
        using var copy = new MemoryStream();
        try
        {
            await request.Body.CopyToAsync(copy, request.HttpContext.RequestAborted);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or BadHttpRequestException)
        {
            throw new ValidationException(new ValidationError(["body"], "The request body could not be read", "body_unreadable"));
        }

        if (copy.Length == 0)
        {
            throw new ValidationException(ValidationError.Missing("body"));
        }

        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(copy.ToArray());
            root = document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw new ValidationException(new ValidationError(["body", (int)(ex.BytePositionInLine ?? 0)], "JSON decode error", "json_invalid"));
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new ValidationException(new ValidationError(["body"], "Input should be a valid dictionary or object to extract fields from", "model_attributes_type"));
        }

        return new RequestBody(root);
    }

    public string? String(string name, bool required) => String(Root, required, "body", name);

    public long? Integer(string name, bool required) => Integer(Root, required, "body", name);

    public bool? Boolean(string name) => Boolean(Root, false, "body", name);

    public JsonElement? Object(string name) => Object(Root, false, "body", name);

    public void Add(ValidationError error) => errors.Add(error);

    /// <summary>Throws the 422 when any field was wrong.</summary>
    public void ThrowIfInvalid()
    {
        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }
    }

    public string? String(JsonElement parent, bool required, params object[] loc)
    {
        if (Value(parent, required, loc) is not { } value)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add(new ValidationError(loc, "Input should be a valid string", "string_type"));
            return null;
        }

        return value.GetString();
    }

    public long? Integer(JsonElement parent, bool required, params object[] loc)
    {
        if (Value(parent, required, loc) is not { } value)
        {
            return null;
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.Number when value.TryGetInt64(out var whole):
                return whole;
            case JsonValueKind.Number when value.TryGetDouble(out var number) && number == Math.Floor(number) && Math.Abs(number) < 9e15:
                return (long)number;
            case JsonValueKind.Number:
                errors.Add(new ValidationError(loc, "Input should be a valid integer, got a number with a fractional part", "int_from_float"));
                return null;
            case JsonValueKind.String when long.TryParse(value.GetString()!.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed):
                return parsed;
            case JsonValueKind.String:
                errors.Add(new ValidationError(loc, "Input should be a valid integer, unable to parse string as an integer", "int_parsing"));
                return null;
            default:
                errors.Add(new ValidationError(loc, "Input should be a valid integer", "int_type"));
                return null;
        }
    }

    public double? Number(JsonElement parent, bool required, params object[] loc)
    {
        if (Value(parent, required, loc) is not { } value)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number)
        {
            return value.GetDouble();
        }

        if (value.ValueKind == JsonValueKind.String && double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
        {
            return parsed;
        }

        errors.Add(new ValidationError(loc, "Input should be a valid number", value.ValueKind == JsonValueKind.String ? "float_parsing" : "float_type"));
        return null;
    }

    public bool? Boolean(JsonElement parent, bool required, params object[] loc)
    {
        if (Value(parent, required, loc) is not { } value)
        {
            return null;
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            case JsonValueKind.Number when value.TryGetInt32(out var bit) && bit is 0 or 1:
                return bit == 1;
            case JsonValueKind.String when Query.ParseBool(value.GetString()) is { } parsed:
                return parsed;
            case JsonValueKind.String:
                errors.Add(new ValidationError(loc, "Input should be a valid boolean, unable to interpret input", "bool_parsing"));
                return null;
            default:
                errors.Add(new ValidationError(loc, "Input should be a valid boolean", "bool_type"));
                return null;
        }
    }

    public JsonElement? Object(JsonElement parent, bool required, params object[] loc)
    {
        if (Value(parent, required, loc) is not { } value)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new ValidationError(loc, "Input should be a valid dictionary or object to extract fields from", "model_attributes_type"));
            return null;
        }

        return value;
    }

    public JsonElement? Array(JsonElement parent, bool required, params object[] loc)
    {
        if (Value(parent, required, loc) is not { } value)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            errors.Add(new ValidationError(loc, "Input should be a valid list", "list_type"));
            return null;
        }

        return value;
    }

    /// <summary>The field's value; null when absent or JSON null (a missing required field is recorded).</summary>
    private JsonElement? Value(JsonElement parent, bool required, object[] loc)
    {
        var name = loc[^1] as string;
        if (name is null || !parent.TryGetProperty(name, out var value))
        {
            if (required)
            {
                errors.Add(ValidationError.Missing(loc));
            }

            return null;
        }

        if (value.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                errors.Add(new ValidationError(loc, "Input should not be null", "missing"));
            }

            return null;
        }

        return value;
    }
}
