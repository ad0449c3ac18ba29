using System.Globalization;

namespace AnimationTools.Emulator.DeepMotion;

/// <summary>
/// Validates the <c>params</c> of <c>POST /process</c> against the complete table of §4.1: every entry is
/// <c>name=value</c>, names are case-sensitive, aliases map to one canonical name, and a name outside the table is
/// rejected (the table is complete, so an unknown name is a client mistake).
/// </summary>
internal static class ProcessParams
{
    public static readonly IReadOnlyList<string> DefaultFormats = ["bvh", "fbx"];

    private static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal)
    {
        ["poseEstimation.footLockingMode"] = "footLockingMode",
        ["poseEstimation.videoSpeedMultiplier"] = "videoSpeedMultiplier",
        ["poseEstimation.poseFilteringStrength"] = "poseFilteringStrength",
    };

    private static readonly string[] VideoFormats = ["bvh", "fbx", "mp4", "glb", "dmpe"];
    private static readonly string[] ImageOnlyFormats = ["png", "jpg"];

    private static readonly Dictionary<string, Func<string, MediaKind, string?>> Rules = new(StringComparer.Ordinal)
    {
        ["config"] = (v, _) => OneOf(v, "configDefault"),
        ["formats"] = ValidateFormats,
        ["model"] = (v, _) => string.IsNullOrWhiteSpace(v) ? "must name a model id" : null,
        ["sim"] = (v, _) => OneOf(v, "0", "1"),
        ["trackFace"] = (v, _) => OneOf(v, "0", "1"),
        ["trackHand"] = (v, _) => OneOf(v, "0", "1"),
        ["footLockingMode"] = (v, _) => OneOf(v, "auto", "always", "never", "grounding"),
        ["videoSpeedMultiplier"] = (v, _) => InRange(v, 1.0, 8.0),
        ["poseFilteringStrength"] = (v, _) => InRange(v, 0.0, 1.0),
        ["rootAtOrigin"] = (v, _) => OneOf(v, "0", "1"),
        ["trim"] = ValidateTrim,
        ["crop"] = (v, _) => ValidateCrop(v),
        ["render.sbs"] = (v, _) => OneOf(v, "0", "1"),
        ["render.bgColor"] = (v, _) => ValidateColor(v),
        ["render.backdrop"] = (v, _) => OneOf(v, "studio"),
        ["render.shadow"] = (v, _) => OneOf(v, "0", "1"),
        ["render.includeAudio"] = (v, _) => OneOf(v, "0", "1"),
        ["render.CamMode"] = (v, _) => OneOf(v, "0", "1", "2"),
        ["render.camera"] = (v, _) => OneOf(v, "closeup", "fixed"),
        ["pipeline"] = (v, _) => OneOf(v, "mp_detection"),
        ["models"] = (v, _) => ValidateModelsList(v),
        ["upperBodyOnly"] = (v, _) => OneOf(v, "true", "false"),
    };

    /// <summary>Parses and validates the entries; returns the params by canonical name, or the first problem found.</summary>
    public static (Dictionary<string, string>? Params, string? Error) Parse(IReadOnlyList<string> entries, MediaKind input)
    {
        var parsed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            var equals = entry.IndexOf('=');
            if (equals <= 0)
            {
                return (null, $"Param '{entry}' is not of the form name=value.");
            }

            var name = entry[..equals];
            var value = entry[(equals + 1)..];
            var canonical = Aliases.GetValueOrDefault(name, name);
            if (!Rules.TryGetValue(canonical, out var rule))
            {
                return (null, $"Unknown param '{name}' (param names are case-sensitive).");
            }

            if (parsed.ContainsKey(canonical))
            {
                return (null, $"Param '{canonical}' is given more than once.");
            }

            if (rule(value, input) is { } problem)
            {
                return (null, $"Invalid value '{value}' for param '{name}': {problem}.");
            }

            parsed[canonical] = value;
        }

        return (parsed, null);
    }

    public static IReadOnlyList<string> Formats(IReadOnlyDictionary<string, string> parsed) =>
        parsed.TryGetValue("formats", out var formats)
            ? formats.Split(',', StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToList()
            : DefaultFormats;

    public static (double From, double To)? Trim(IReadOnlyDictionary<string, string> parsed) =>
        parsed.TryGetValue("trim", out var trim) && Numbers(trim) is [var from, var to] ? (from, to) : null;

    private static string? ValidateFormats(string value, MediaKind input)
    {
        var allowed = input == MediaKind.Image ? VideoFormats.Concat(ImageOnlyFormats).ToArray() : VideoFormats;
        foreach (var format in value.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!allowed.Contains(format, StringComparer.Ordinal))
            {
                return ImageOnlyFormats.Contains(format)
                    ? $"'{format}' is only available for image input"
                    : $"'{format}' is not one of {string.Join(", ", allowed)}";
            }
        }

        return null;
    }

    private static string? ValidateTrim(string value, MediaKind input)
    {
        if (input == MediaKind.Image)
        {
            return "trim applies to video input only";
        }

        return Numbers(value) is [var from, var to] && from >= 0 && to >= 0 && from < to
            ? null
            : "expected from,to in seconds with 0 <= from < to";
    }

    private static string? ValidateCrop(string value) =>
        Numbers(value) is [var left, var top, var right, var bottom]
        && new[] { left, top, right, bottom }.All(n => n is >= 0 and <= 1)
        && left < right && top < bottom
            ? null
            : "expected left,top,right,bottom in [0,1] with left < right and top < bottom";

    private static string? ValidateColor(string value)
    {
        var parts = value.Split(',', StringSplitOptions.TrimEntries);
        return parts.Length == 4 && parts.All(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var c) && c <= 255)
            ? null
            : "expected R,G,B,A integers 0-255";
    }

    /// <summary>The multi-person list is a JS-like literal (<c>[{trackingId:'001', modelId:'…'}]</c>), not strict JSON.</summary>
    private static string? ValidateModelsList(string value)
    {
        var trimmed = value.Trim();
        if (!trimmed.StartsWith('[') || !trimmed.EndsWith(']'))
        {
            return "expected a list [{trackingId:..., modelId:...}, ...]";
        }

        return trimmed.Count(c => c == '{') > 16 ? "at most 16 persons" : null;
    }

    private static string? OneOf(string value, params string[] allowed) =>
        allowed.Contains(value, StringComparer.Ordinal) ? null : $"expected {string.Join(" | ", allowed)}";

    private static string? InRange(string value, double min, double max) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max
            ? null
            : $"expected a number from {min.ToString("0.0", CultureInfo.InvariantCulture)} to {max.ToString("0.0", CultureInfo.InvariantCulture)}";

    private static double[]? Numbers(string value)
    {
        var parts = value.Split(',', StringSplitOptions.TrimEntries);
        var numbers = new double[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out numbers[i]) || !double.IsFinite(numbers[i]))
            {
                return null;
            }
        }

        return numbers;
    }
}
