using System.Security.Cryptography;
using AnimationTools.Emulator.Infrastructure;
using Microsoft.Net.Http.Headers;

namespace AnimationTools.Emulator.DeepMotion;

/// <summary>
/// Download URLs of job outputs and inputs, plus static thumbnails. Emulator choice (§6): they work with or without
/// the cookie and support Range requests (206 + Content-Range, honouring If-Range) and Content-Length, with a strong
/// ETag of the content as Cloud Storage sends (its hash).
/// </summary>
internal sealed class ResultRoutes(JobStore jobs, JobClock clock)
{
    public const string ThumbnailFile = "thumbnail.png";

    public void Map(IEndpointRouteBuilder storage)
    {
        storage.MapMethods("/results/{rid}/input/{**name}", [HttpMethods.Get, HttpMethods.Head], Input);
        storage.MapMethods("/results/{rid}/{**file}", [HttpMethods.Get, HttpMethods.Head], Output);
        storage.MapMethods($"/static/{ThumbnailFile}", [HttpMethods.Get, HttpMethods.Head], () =>
            File(SampleMedia.RenderPng, "image/png"));
    }

    private IResult Input(string rid)
    {
        var job = jobs.Find(rid);
        return job is null
            ? ApiResults.NotFound("No such object.")
            : File(job.Input.Content, "application/octet-stream");
    }

    private IResult Output(string rid, string file)
    {
        clock.Tick();
        var job = jobs.Find(rid);
        if (job is null || job.Progress.Phase != JobPhase.Success || job.Results.Find(file) is not { } result)
        {
            return ApiResults.NotFound("No such object.");
        }

        return File(result.Content, result.ContentType);
    }

    private static IResult File(byte[] content, string contentType) =>
        Results.File(content, contentType, enableRangeProcessing: true, entityTag: new EntityTagHeaderValue("\"" + Convert.ToHexStringLower(MD5.HashData(content)) + "\""));
}
