using System.Text.Encodings.Web;
using System.Text.Json;

namespace AnimationTools.Emulator.HourOne;

/// <summary>
/// Answers as Hour One's FastAPI service (pydantic v1) writes them: snake_case fields as declared, nulls kept, compact
/// JSON, <c>{"detail": "..."}</c> for errors and <c>422 {"detail": [{"loc", "msg", "type", "ctx"?}]}</c> for invalid input.
/// </summary>
internal static class FastApi
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.General)
    {
        PropertyNamingPolicy = null,
        DictionaryKeyPolicy = null,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.Never,
        // Starlette writes with ensure_ascii=False.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new PythonFloat() },
    };

    public static IResult Json(object? value, int status = StatusCodes.Status200OK) =>
        Results.Json(value, Options, statusCode: status);

    public static IResult Detail(int status, string detail) => Json(new Dictionary<string, string> { ["detail"] = detail }, status);

    public static IResult NotFound(string detail) => Detail(StatusCodes.Status404NotFound, detail);

    /// <summary>409, the emulator's answer for what needs a rendered video (metadata, subtitles) before it is ready.</summary>
    public static IResult NotReady() => Detail(StatusCodes.Status409Conflict, "Video is not ready");

    public static IResult Unprocessable(IEnumerable<ValidationIssue> issues) =>
        Json(new Dictionary<string, object> { ["detail"] = issues.Select(i => i.ToJson()).ToList() }, StatusCodes.Status422UnprocessableEntity);

    /// <summary>One handler-level rule broken (a rule pydantic cannot express, checked after the ids are resolved).</summary>
    public static IResult Unprocessable(object[] loc, string msg) => Unprocessable([new ValidationIssue(loc, msg, "value_error")]);
}

/// <summary>Python writes a float with its decimal point (<c>4.0</c>, not <c>4</c>): durations and times are floats.</summary>
internal sealed class PythonFloat : System.Text.Json.Serialization.JsonConverter<double>
{
    public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetDouble();

    public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
    {
        var text = value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        writer.WriteRawValue(double.IsInteger(value) && !text.Contains('E') ? text + ".0" : text);
    }
}

/// <summary>One entry of a FastAPI validation error; <c>ctx</c> is written only when pydantic gives one.</summary>
internal sealed record ValidationIssue(object[] Loc, string Msg, string Type, Dictionary<string, object?>? Ctx = null)
{
    public Dictionary<string, object?> ToJson()
    {
        var json = new Dictionary<string, object?> { ["loc"] = Loc, ["msg"] = Msg, ["type"] = Type };
        if (Ctx is not null)
        {
            json["ctx"] = Ctx;
        }

        return json;
    }
}
