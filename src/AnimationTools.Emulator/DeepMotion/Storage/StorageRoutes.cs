using System.Globalization;
using AnimationTools.Emulator.Infrastructure;

namespace AnimationTools.Emulator.DeepMotion;

/// <summary>
/// The Google Cloud Storage side of uploads (§3.2): single PUT to a signed URL, or a resumable session
/// (POST start → 201 + Location; chunk PUTs → 308 + Range; status query; final → 200). No cookie needed.
/// </summary>
internal sealed class StorageRoutes(StorageBucket bucket)
{
    /// <summary>GCS requires every chunk but the last to be a multiple of 256 KiB.</summary>
    public const int ChunkGranularity = 256 * 1024;

    public void Map(IEndpointRouteBuilder storage)
    {
        storage.MapPut($"/{StorageBucket.ObjectSegment}/{{token}}/{{**name}}", PutObjectAsync);
        storage.MapPost($"/{StorageBucket.ObjectSegment}/{{token}}/{{**name}}", StartSession);
        storage.MapPut($"/{StorageBucket.SessionSegment}/{{id}}", PutToSessionAsync);
    }

    private async Task<IResult> PutObjectAsync(string token, HttpContext context)
    {
        var target = bucket.FindByToken(token);
        if (target is null)
        {
            return Forbidden();
        }

        if (target.Resumable)
        {
            return ApiResults.BadRequest("This signed URL is for a resumable upload: POST to it with 'x-goog-resumable: start' first (or ask /upload for resumable=0).");
        }

        var attempt = target.BeginAttempt();
        var received = await BodyReceiver.ReceiveAsync(context.Request, attempt);
        if (received.Broken)
        {
            return Results.Empty;
        }

        target.Complete(attempt);
        return ObjectResource(target);
    }

    private IResult StartSession(string token, HttpContext context)
    {
        var target = bucket.FindByToken(token);
        if (target is null)
        {
            return Forbidden();
        }

        if (!string.Equals(context.Request.Headers["x-goog-resumable"], "start", StringComparison.OrdinalIgnoreCase))
        {
            return ApiResults.BadRequest("A resumable upload starts with a POST carrying 'x-goog-resumable: start'.");
        }

        if (!target.Resumable)
        {
            return ApiResults.BadRequest("This signed URL is for a single PUT (resumable=0); PUT the file to it.");
        }

        var session = bucket.StartSession(target);
        context.Response.Headers.Location = DeepMotionUrls.Session(context, session.Id);
        context.Response.Headers["X-GUploader-UploadID"] = session.Id;
        return Results.StatusCode(StatusCodes.Status201Created);
    }

    private async Task<IResult> PutToSessionAsync(string id, HttpContext context)
    {
        var session = bucket.FindSession(id);
        if (session is null)
        {
            return ApiResults.NotFound("No such upload session.");
        }

        await session.WriteLock.WaitAsync(context.RequestAborted);
        try
        {
            return await WriteToSessionAsync(session, context);
        }
        finally
        {
            session.WriteLock.Release();
        }
    }

    private static async Task<IResult> WriteToSessionAsync(ResumableSession session, HttpContext context)
    {
        if (session.IsComplete)
        {
            return ObjectResource(session.Target);
        }

        var header = context.Request.Headers.ContentRange.ToString();
        if (string.IsNullOrEmpty(header))
        {
            return await ReceiveWholeFileAsync(session, context);
        }

        if (!ContentRange.TryParse(header, out var range))
        {
            return ApiResults.BadRequest($"Malformed Content-Range '{header}'.");
        }

        if (range.Total is { } total && !session.TryDeclareTotal(total))
        {
            return ApiResults.BadRequest($"Content-Range total {total} contradicts the total {session.DeclaredTotal} announced earlier.");
        }

        return range.IsStatusQuery ? AnswerStatusQuery(session, context) : await ReceiveChunkAsync(session, range, context);
    }

    private static async Task<IResult> ReceiveWholeFileAsync(ResumableSession session, HttpContext context)
    {
        var received = await BodyReceiver.ReceiveAsync(context.Request, session.Buffer, skip: session.Buffer.Length);
        if (received.Broken)
        {
            return Results.Empty;
        }

        session.MarkComplete();
        return ObjectResource(session.Target);
    }

    private static IResult AnswerStatusQuery(ResumableSession session, HttpContext context)
    {
        var total = session.DeclaredTotal!.Value;
        var stored = session.Buffer.Length;
        if (stored > total)
        {
            return ApiResults.BadRequest($"The session already holds {stored} bytes, more than the total {total}.");
        }

        // All bytes may have arrived on a connection that broke before the final answer: the upload is done.
        if (stored == total)
        {
            session.MarkComplete();
            return ObjectResource(session.Target);
        }

        return ResumeIncomplete(context, stored);
    }

    private static async Task<IResult> ReceiveChunkAsync(ResumableSession session, ContentRange range, HttpContext context)
    {
        var first = range.First!.Value;
        var stored = session.Buffer.Length;
        if (first > stored)
        {
            return ApiResults.BadRequest($"Content-Range starts at byte {first} but only {stored} bytes were received; query the status and resume from there.");
        }

        var isFinal = range.Total is { } total && range.Last == total - 1;
        if (!isFinal && range.Length % ChunkGranularity != 0)
        {
            return ApiResults.BadRequest($"A non-final chunk must be a multiple of {ChunkGranularity} bytes; this one has {range.Length}.");
        }

        if (context.Request.ContentLength is { } declared && declared != range.Length)
        {
            return ApiResults.BadRequest($"Content-Length {declared} does not match Content-Range length {range.Length}.");
        }

        // A chunk may overlap bytes already stored (the client resent from an older offset): GCS ignores the overlap.
        var overlap = stored - first;
        var received = await BodyReceiver.ReceiveAsync(context.Request, session.Buffer, skip: overlap, limit: range.Length - overlap);
        if (received.Broken)
        {
            return Results.Empty;
        }

        if (received.Read < range.Length)
        {
            return ApiResults.BadRequest($"The body had {received.Read} bytes but Content-Range announced {range.Length}.");
        }

        if (isFinal)
        {
            session.MarkComplete();
            return ObjectResource(session.Target);
        }

        return ResumeIncomplete(context, session.Buffer.Length);
    }

    /// <summary>308 "Resume Incomplete"; without a Range header when nothing is stored, as GCS does.</summary>
    private static IResult ResumeIncomplete(HttpContext context, long stored)
    {
        if (stored > 0)
        {
            context.Response.Headers["Range"] = $"bytes=0-{(stored - 1).ToString(CultureInfo.InvariantCulture)}";
        }

        return Results.StatusCode(StatusCodes.Status308PermanentRedirect);
    }

    private static IResult ObjectResource(StoredObject stored) => ApiResults.Json(new
    {
        kind = "storage#object",
        bucket = "deepmotion-emulator",
        name = stored.Name,
        size = stored.Size.ToString(CultureInfo.InvariantCulture),
    });

    private static IResult Forbidden() =>
        ApiResults.Message(StatusCodes.Status403Forbidden, "The signed URL is invalid or unknown.");
}
