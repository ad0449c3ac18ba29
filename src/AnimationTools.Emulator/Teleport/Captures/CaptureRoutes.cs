using System.Text.Json;

namespace AnimationTools.Emulator.Teleport;

/// <summary>
/// <c>/api/v1/captures</c> (§4.1, §4.2, §4.5, §4.6): list (limit/offset, newest first), create, rename, delete.
/// There is no get-by-eid route, as in the contract (§6.3). Another account's capture answers 404 like an unknown one.
/// </summary>
internal sealed class CaptureRoutes(TeleportState state)
{
    public void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/api/v1/captures", List);
        api.MapPost("/api/v1/captures", (Func<HttpContext, Task<IResult>>)CreateAsync);
        api.MapPut("/api/v1/captures/{eid}", RenameAsync);
        api.MapDelete("/api/v1/captures/{eid}", Delete);
    }

    private IResult List(HttpContext context)
    {
        var errors = new List<ValidationError>();
        var limit = Query.Integer(context.Request, "limit", OffsetPaging.DefaultLimit, 0, errors);
        var offset = Query.Integer(context.Request, "offset", 0, 0, errors);
        var withZone = Query.Bool(context.Request, "time_zone", false, errors);
        if (errors.Count > 0)
        {
            return FastApi.Invalid(errors);
        }

        var now = state.Clock.GetUtcNow();
        var page = OffsetPaging.Page(state.ListOf(BearerGate.ClientOf(context)), limit, offset);
        return FastApi.Json(page.Select(c => CaptureDto.Of(context, c, now, withZone)).ToList());
    }

    private async Task<IResult> CreateAsync(HttpContext context)
    {
        CaptureInput input;
        try
        {
            input = ParseNewCapture(await RequestBody.ReadAsync(context.Request));
        }
        catch (ValidationException ex)
        {
            return ex.ToResult();
        }

        var capture = state.Create(BearerGate.ClientOf(context), input);
        return FastApi.Json(new Dictionary<string, object>
        {
            ["eid"] = capture.Eid,
            ["chunk_size"] = capture.Upload.ChunkSize,
            ["num_parts"] = capture.Upload.NumParts,
        });
    }

    private async Task<IResult> RenameAsync(string eid, HttpContext context)
    {
        var errors = new List<ValidationError>();
        var withZone = Query.Bool(context.Request, "time_zone", false, errors);
        string? name = null;
        try
        {
            var body = await RequestBody.ReadAsync(context.Request);
            name = body.String("name", required: true);
            body.ThrowIfInvalid();
        }
        catch (ValidationException ex)
        {
            errors.AddRange(ex.Errors);
        }

        if (errors.Count > 0)
        {
            return FastApi.Invalid(errors);
        }

        if (state.Visible(BearerGate.ClientOf(context), eid) is not { } capture)
        {
            return CaptureNotFound();
        }

        capture.Rename(name!);
        return FastApi.Json(CaptureDto.Of(context, capture, state.Clock.GetUtcNow(), withZone));
    }

    private IResult Delete(string eid, HttpContext context) =>
        state.Visible(BearerGate.ClientOf(context), eid) is { } capture && state.Delete(capture) ? Results.NoContent() : CaptureNotFound();

    public static IResult CaptureNotFound() => FastApi.NotFound("Capture not found");

    /// <summary>
    /// <c>NewCaptureInput</c>: <c>name</c> and <c>bytesize</c> (at least 1) required; <c>input_data_format</c> one of
    /// the known values (default <c>commonformat-ios</c>); optional fields type-checked; unknown fields ignored.
    /// </summary>
    private static CaptureInput ParseNewCapture(RequestBody body)
    {
        var name = body.String("name", required: true);
        var bytesize = body.Integer("bytesize", required: true);
        if (bytesize is < 1)
        {
            body.Add(new ValidationError(["body", "bytesize"], "Input should be greater than 0", "greater_than"));
        }

        var created = body.String("created", required: false);
        var numFrames = body.Integer("num_frames", required: false);
        var format = body.String("input_data_format", required: false) ?? InputDataFormats.CommonFormatIos;
        if (!InputDataFormats.All.Contains(format))
        {
            body.Add(new ValidationError(["body", "input_data_format"],
                $"Input should be {string.Join(", ", InputDataFormats.All.SkipLast(1).Select(f => $"'{f}'"))} or '{InputDataFormats.All[^1]}'", "enum"));
        }

        var guided = body.Boolean("guided_mode");
        var iosVersion = body.String("ios_app_version", required: false);
        var training = body.Object("training_parameters");
        if (training is { } parameters && body.Object(parameters, false, "body", "training_parameters", "focus_area") is { } focus)
        {
            foreach (var field in new[] { "buffer_meters", "max_lat", "max_lng", "min_lat", "min_lng" })
            {
                body.Number(focus, false, "body", "training_parameters", "focus_area", field);
            }

            body.String(focus, false, "body", "training_parameters", "focus_area", "crop_method");
            if (body.Array(focus, false, "body", "training_parameters", "focus_area", "polylines") is { } lines)
            {
                var index = 0;
                foreach (var line in lines.EnumerateArray())
                {
                    if (line.ValueKind != JsonValueKind.String)
                    {
                        body.Add(new ValidationError(["body", "training_parameters", "focus_area", "polylines", index], "Input should be a valid string", "string_type"));
                    }

                    index++;
                }
            }
        }

        body.ThrowIfInvalid();
        return new CaptureInput(name!, bytesize!.Value, format, numFrames, guided, iosVersion, training, created);
    }
}
