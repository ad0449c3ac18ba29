using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace AnimationTools.Emulator.HourOne;

/// <summary>
/// Reads JSON the way pydantic v1 validates it (the Hour One OpenAPI document is pydantic v1's: "An enumeration.",
/// <c>allOf</c>-wrapped defaults), collecting every error with its location and pydantic's message and type:
/// str fields take numbers and booleans as text, unknown fields are ignored, an optional field may be null.
/// </summary>
internal sealed partial class PydanticReader
{
    private readonly List<ValidationIssue> issues = [];

    public IReadOnlyList<ValidationIssue> Issues => issues;

    public bool IsValid => issues.Count == 0;

    public static object[] At(object[] loc, params object[] more) => [.. loc, .. more];

    public void Add(object[] loc, string msg, string type, Dictionary<string, object?>? ctx = null) => issues.Add(new ValidationIssue(loc, msg, type, ctx));

    public void Missing(object[] loc) => Add(loc, "field required", "value_error.missing");

    public void NotADict(object[] loc) => Add(loc, "value is not a valid dict", "type_error.dict");

    /// <summary>The field's value when present and not null; a required field that is absent or null is an error.</summary>
    public bool TryField(JsonElement obj, object[] loc, string name, bool required, out JsonElement value)
    {
        var present = obj.TryGetProperty(name, out value);
        if (present && value.ValueKind != JsonValueKind.Null)
        {
            return true;
        }

        if (required)
        {
            if (present)
            {
                Add(At(loc, name), "none is not an allowed value", "type_error.none.not_allowed");
            }
            else
            {
                Missing(At(loc, name));
            }
        }

        return false;
    }

    public string? Str(JsonElement obj, object[] loc, string name, bool required = false, int? minLength = null, int? maxLength = null) =>
        TryField(obj, loc, name, required, out var value) ? StrValue(value, At(loc, name), minLength, maxLength) : null;

    /// <summary>pydantic v1 <c>str</c>: text as is, numbers as written, booleans as Python prints them.</summary>
    public string? StrValue(JsonElement value, object[] loc, int? minLength = null, int? maxLength = null)
    {
        string text;
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                text = value.GetString()!;
                break;
            case JsonValueKind.Number:
                text = value.GetRawText();
                break;
            case JsonValueKind.True:
                text = "True";
                break;
            case JsonValueKind.False:
                text = "False";
                break;
            case JsonValueKind.Null:
                Add(loc, "none is not an allowed value", "type_error.none.not_allowed");
                return null;
            default:
                Add(loc, "str type expected", "type_error.str");
                return null;
        }

        return Length(text, loc, minLength, maxLength);
    }

    /// <summary>pydantic's length constraints, counted in code points as Python counts them.</summary>
    private string? Length(string text, object[] loc, int? minLength, int? maxLength)
    {
        var length = text.EnumerateRunes().Count();
        if (minLength is { } min && length < min)
        {
            Add(loc, $"ensure this value has at least {min} characters", "value_error.any_str.min_length", new() { ["limit_value"] = min });
            return null;
        }

        if (maxLength is { } max && length > max)
        {
            Add(loc, $"ensure this value has at most {max} characters", "value_error.any_str.max_length", new() { ["limit_value"] = max });
            return null;
        }

        return text;
    }

    public string? Pattern(JsonElement obj, object[] loc, string name, string pattern, bool required)
    {
        var text = Str(obj, loc, name, required);
        if (text is not null && !Regex.IsMatch(text, pattern))
        {
            Add(At(loc, name), $"string does not match regex \"{pattern}\"", "value_error.str.regex", new() { ["pattern"] = pattern });
            return null;
        }

        return text;
    }

    /// <summary>A string enumeration (pydantic <c>Enum</c>): anything else, numbers included, is not a member.</summary>
    public string? Enum(JsonElement obj, object[] loc, string name, IReadOnlyList<string> members, bool required, string? fallback = null)
    {
        if (!TryField(obj, loc, name, required, out var value))
        {
            return required ? null : fallback;
        }

        if (value.ValueKind == JsonValueKind.String && members.Contains(value.GetString()!))
        {
            return value.GetString();
        }

        var permitted = string.Join(", ", members.Select(m => $"'{m}'"));
        Add(At(loc, name), $"value is not a valid enumeration member; permitted: {permitted}", "type_error.enum", new() { ["enum_values"] = members });
        return null;
    }

    /// <summary>A <c>Literal</c> field with a default: absent or null gives the default.</summary>
    public string Const(JsonElement obj, object[] loc, string name, string permitted)
    {
        if (!TryField(obj, loc, name, required: false, out var value))
        {
            return permitted;
        }

        // A Literal compares the value as sent: no coercion, so 5 or {} is simply not the constant.
        if (value.ValueKind != JsonValueKind.String || value.GetString() != permitted)
        {
            Add(At(loc, name), $"unexpected value; permitted: '{permitted}'", "value_error.const",
                new() { ["given"] = JsonNode.Parse(value.GetRawText()), ["permitted"] = new[] { permitted } });
        }

        return permitted;
    }

    public List<string>? StrList(JsonElement obj, object[] loc, string name, bool required = false)
    {
        if (!TryField(obj, loc, name, required, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            Add(At(loc, name), "value is not a valid list", "type_error.list");
            return null;
        }

        var items = new List<string>();
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (StrValue(item, At(loc, name, index++)) is { } text)
            {
                items.Add(text);
            }
        }

        return items;
    }

    /// <summary>
    /// A list of sub-models, each read by <paramref name="read"/> in order (pydantic reports errors item by item); null
    /// when absent or not a list. Items that are not objects, or that <paramref name="read"/> rejects, are left out.
    /// </summary>
    public List<T>? Objects<T>(JsonElement obj, object[] loc, string name, bool required, Func<JsonElement, object[], T?> read, int? minItems = null)
        where T : class
    {
        if (!TryField(obj, loc, name, required, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            Add(At(loc, name), "value is not a valid list", "type_error.list");
            return null;
        }

        if (minItems is { } min && value.GetArrayLength() < min)
        {
            Add(At(loc, name), $"ensure this value has at least {min} items", "value_error.list.min_items", new() { ["limit_value"] = min });
            return null;
        }

        var items = new List<T>();
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            var itemLoc = At(loc, name, index++);
            if (item.ValueKind == JsonValueKind.Object)
            {
                if (read(item, itemLoc) is { } parsed)
                {
                    items.Add(parsed);
                }
            }
            else if (item.ValueKind == JsonValueKind.Null)
            {
                Add(itemLoc, "none is not an allowed value", "type_error.none.not_allowed");
            }
            else
            {
                NotADict(itemLoc);
            }
        }

        return items;
    }

    /// <summary>
    /// <c>Dict[str, Union[str, int, bool]]</c>: strings, integers and booleans are kept as sent, other numbers become text;
    /// objects and arrays fail each member of the union.
    /// </summary>
    public JsonObject? Metadata(JsonElement obj, object[] loc, string name)
    {
        if (!TryField(obj, loc, name, required: false, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            NotADict(At(loc, name));
            return null;
        }

        var result = new JsonObject();
        foreach (var property in value.EnumerateObject())
        {
            var entryLoc = At(loc, name, property.Name);
            var entry = property.Value;
            switch (entry.ValueKind)
            {
                case JsonValueKind.String:
                    result[property.Name] = entry.GetString();
                    break;
                case JsonValueKind.True or JsonValueKind.False:
                    result[property.Name] = entry.GetBoolean();
                    break;
                case JsonValueKind.Number:
                    result[property.Name] = entry.TryGetInt64(out var integer) ? JsonValue.Create(integer) : JsonValue.Create(entry.GetRawText());
                    break;
                case JsonValueKind.Null:
                    Add(entryLoc, "none is not an allowed value", "type_error.none.not_allowed");
                    break;
                default:
                    Add(entryLoc, "str type expected", "type_error.str");
                    Add(entryLoc, "value is not a valid integer", "type_error.integer");
                    Add(entryLoc, "value could not be parsed to a boolean", "type_error.bool");
                    break;
            }
        }

        return result;
    }

    /// <summary>pydantic v1 <c>HttpUrl</c>: http or https, a host, and a top-level domain unless the host is an IP address.</summary>
    public string? HttpUrl(JsonElement obj, object[] loc, string name, bool required)
    {
        if (!TryField(obj, loc, name, required, out var value))
        {
            return null;
        }

        var fieldLoc = At(loc, name);
        var text = StrValue(value, fieldLoc)?.Trim();
        if (text is null)
        {
            return null;
        }

        if (Length(text, fieldLoc, 1, 2083) is null)
        {
            return null;
        }

        var match = UrlParts().Match(text);
        if (!match.Groups["scheme"].Success)
        {
            Add(fieldLoc, "invalid or missing URL scheme", "value_error.url.scheme");
            return null;
        }

        var scheme = match.Groups["scheme"].Value.ToLowerInvariant();
        if (scheme is not ("http" or "https"))
        {
            Add(fieldLoc, "URL scheme not permitted", "value_error.url.scheme", new() { ["allowed_schemes"] = new[] { "http", "https" } });
            return null;
        }

        var host = match.Groups["host"].Value;
        if (host.Length == 0)
        {
            Add(fieldLoc, "URL host invalid", "value_error.url.host");
            return null;
        }

        var isIp = System.Net.IPAddress.TryParse(host.Trim('[', ']'), out _);
        if (!isIp && !host.Contains('.'))
        {
            Add(fieldLoc, "URL host invalid, top level domain required", "value_error.url.host");
            return null;
        }

        return text;
    }

    /// <summary>A <c>date</c> query parameter (ISO <c>YYYY-MM-DD</c>).</summary>
    public DateOnly? Date(string? text, object[] loc)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        Add(loc, "invalid date format", "value_error.date");
        return null;
    }

    [GeneratedRegex(@"^(?:(?<scheme>[a-zA-Z][a-zA-Z0-9+\-.]*)://)?(?:[^\s:@/]+(?::[^\s@/]*)?@)?(?<host>\[[0-9a-fA-F:.]+\]|[^\s/:?#]*)")]
    private static partial Regex UrlParts();
}
