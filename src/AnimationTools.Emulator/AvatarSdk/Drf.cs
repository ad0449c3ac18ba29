using System.Text.Json;

namespace AnimationTools.Emulator.AvatarSdk;

/// <summary>
/// Answers in the shapes of a Django REST Framework service (contract §1): snake_case fields as written, nulls kept,
/// <c>{"detail"}</c> for 401/403/404/429 and <c>{"field": ["message"]}</c> for validation errors.
/// </summary>
internal static class Drf
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = null,
        DictionaryKeyPolicy = null,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.Never,
    };

    public static IResult Json(object? value, int status = StatusCodes.Status200OK) =>
        Results.Json(value, Options, statusCode: status);

    public static IResult Detail(int status, string detail) => Json(new Dictionary<string, string> { ["detail"] = detail }, status);

    public static IResult NotFound(string detail = "Not found.") => Detail(StatusCodes.Status404NotFound, detail);

    public static IResult Field(string field, string message) =>
        Json(new Dictionary<string, string[]> { [field] = [message] }, StatusCodes.Status400BadRequest);

    public static IResult NonField(string message) => Field("non_field_errors", message);
}

/// <summary>A validation failure to report as <c>400 {"field": ["message"]}</c>.</summary>
internal sealed class FieldException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;

    public IResult ToResult() => Drf.Field(Field, Message);
}
