using System.Text.Json;

namespace AnimationTools.Emulator.Teleport;

/// <summary>
/// Answers in the shapes of the FastAPI service (contract §3): snake_case fields as written, nulls kept,
/// <c>{"detail": "text"}</c> for plain errors and <c>422 {"detail": [{"loc", "msg", "type"}]}</c> for validation errors.
/// </summary>
internal static class FastApi
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = null,
        DictionaryKeyPolicy = null,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.Never,
        // Python's json writes quotes and ampersands as they are; so do we, for readable messages and URLs.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static IResult Json(object? value, int status = StatusCodes.Status200OK) =>
        Results.Json(value, Options, statusCode: status);

    public static IResult Detail(int status, string detail) => Json(new Dictionary<string, string> { ["detail"] = detail }, status);

    public static IResult NotFound(string detail = "Not found") => Detail(StatusCodes.Status404NotFound, detail);

    public static IResult Invalid(IEnumerable<ValidationError> errors) =>
        Json(new Dictionary<string, object> { ["detail"] = errors.Select(e => e.ToDto()).ToList() }, StatusCodes.Status422UnprocessableEntity);

    public static IResult Invalid(ValidationError error) => Invalid([error]);
}

/// <summary>One entry of a 422 answer: where (<c>loc</c>: "body"/"query"/"path", then field names and indexes), what and why.</summary>
internal sealed record ValidationError(object[] Loc, string Msg, string Type)
{
    public static ValidationError Missing(params object[] loc) => new(loc, "Field required", "missing");

    public object ToDto() => new Dictionary<string, object> { ["loc"] = Loc, ["msg"] = Msg, ["type"] = Type };
}

/// <summary>A validation failure found deep in a handler, turned into a 422 at the route.</summary>
internal sealed class ValidationException(IReadOnlyList<ValidationError> errors) : Exception(string.Join("; ", errors.Select(e => e.Msg)))
{
    public ValidationException(ValidationError error) : this([error])
    {
    }

    public IReadOnlyList<ValidationError> Errors { get; } = errors;

    public IResult ToResult() => FastApi.Invalid(Errors);
}
