using System.Globalization;

namespace AnimationTools.Emulator.Teleport;

/// <summary>Query parameters read as FastAPI does: a bad value is a 422 with <c>loc</c> <c>["query", name]</c>.</summary>
internal static class Query
{
    /// <summary>pydantic's lax booleans.</summary>
    public static bool? ParseBool(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "true" or "1" or "yes" or "on" or "t" or "y" => true,
        "false" or "0" or "no" or "off" or "f" or "n" => false,
        _ => null,
    };

    public static bool Bool(HttpRequest request, string name, bool fallback, List<ValidationError> errors)
    {
        var text = request.Query[name].ToString();
        if (text.Length == 0)
        {
            return fallback;
        }

        if (ParseBool(text) is { } value)
        {
            return value;
        }

        errors.Add(new ValidationError(["query", name], "Input should be a valid boolean, unable to interpret input", "bool_parsing"));
        return fallback;
    }

    public static int Integer(HttpRequest request, string name, int fallback, int minimum, List<ValidationError> errors)
    {
        var text = request.Query[name].ToString();
        if (text.Length == 0)
        {
            return fallback;
        }

        if (!int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            errors.Add(new ValidationError(["query", name], "Input should be a valid integer, unable to parse string as an integer", "int_parsing"));
            return fallback;
        }

        if (value < minimum)
        {
            errors.Add(new ValidationError(["query", name], $"Input should be greater than or equal to {minimum}", "greater_than_equal"));
            return fallback;
        }

        return value;
    }
}

/// <summary>The list endpoint's paging (§4.1): <c>limit</c> (default 25) items after skipping <c>offset</c>.</summary>
internal static class OffsetPaging
{
    public const int DefaultLimit = 25;

    public static IReadOnlyList<T> Page<T>(IReadOnlyList<T> items, int limit, int offset) =>
        items.Skip(Math.Min(offset, items.Count)).Take(limit).ToList();
}
