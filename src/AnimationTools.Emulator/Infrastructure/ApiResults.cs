namespace AnimationTools.Emulator.Infrastructure;

/// <summary>JSON responses in the emulator's serializer settings.</summary>
internal static class ApiResults
{
    public static IResult Json(object value, int status = StatusCodes.Status200OK) =>
        Results.Json(value, EmulatorJson.Options, statusCode: status);

    /// <summary>The error shape shared by the services that have no documented error body: <c>{"message": ...}</c>.</summary>
    public static IResult Message(int status, string message) => Json(new { message }, status);

    public static IResult BadRequest(string message) => Message(StatusCodes.Status400BadRequest, message);

    public static IResult NotFound(string message) => Message(StatusCodes.Status404NotFound, message);
}
