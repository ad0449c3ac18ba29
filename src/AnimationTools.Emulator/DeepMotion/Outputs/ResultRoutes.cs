using AnimationTools.Emulator.Infrastructure;

namespace AnimationTools.Emulator.DeepMotion;

/// <summary>
/// Download URLs of job outputs and inputs, plus static thumbnails. Emulator choice (§6): they work with or without
/// the cookie and support Range requests (206 + Content-Range) and Content-Length.
/// </summary>
internal sealed class ResultRoutes(JobStore jobs, JobClock clock)
{
    public const string ThumbnailFile = "thumbnail.png";

    public void Map(IEndpointRouteBuilder storage)
    {
        storage.MapMethods("/results/{rid}/input/{**name}", [HttpMethods.Get, HttpMethods.Head], Input);
        storage.MapMethods("/results/{rid}/{**file}", [HttpMethods.Get, HttpMethods.Head], Output);
        storage.MapMethods($"/static/{ThumbnailFile}", [HttpMethods.Get, HttpMethods.Head], () =>
            Results.File(SampleMedia.RenderPng, "image/png", enableRangeProcessing: true));
    }

    private IResult Input(string rid)
    {
        var job = jobs.Find(rid);
        return job is null
            ? ApiResults.NotFound("No such object.")
            : Results.File(job.Input.Content, "application/octet-stream", enableRangeProcessing: true);
    }

    private IResult Output(string rid, string file)
    {
        clock.Tick();
        var job = jobs.Find(rid);
        if (job is null || job.Progress.Phase != JobPhase.Success || job.Results.Find(file) is not { } result)
        {
            return ApiResults.NotFound("No such object.");
        }

        return Results.File(result.Content, result.ContentType, enableRangeProcessing: true);
    }
}
