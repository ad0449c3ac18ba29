using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Security;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Connections;

namespace AnimationTools.Emulator.Teleport;

/// <summary>
/// The emulated S3 behind the pre-signed part URLs (§8 step 3b): <c>PUT</c> of exactly the part's bytes with a
/// <c>Content-Length</c> and no <c>Authorization</c>; <c>200</c> with the quoted MD5 hex as <c>ETag</c>. Refusals in
/// S3's XML error shape: an expired URL 403 <c>AccessDenied</c>, an unknown or foreign signature 403
/// <c>SignatureDoesNotMatch</c>, no length 411, a wrong length 400, a completed or deleted upload 404
/// <c>NoSuchUpload</c>. A PUT whose connection breaks stores nothing (S3 keeps only complete parts).
/// </summary>
internal sealed class S3Routes(TeleportState state)
{
    private const int BufferSize = 64 * 1024;

    public void Map(IEndpointRouteBuilder service)
    {
        service.MapPut($"/{PartUrls.Segment}/uploads/{{eid}}/parts/{{part:int}}", PutPartAsync);
        service.MapMethods($"/{PartUrls.Segment}/{{**rest}}", [HttpMethods.Get, HttpMethods.Post, HttpMethods.Delete, HttpMethods.Head, HttpMethods.Put],
            () => Error(StatusCodes.Status405MethodNotAllowed, "MethodNotAllowed", "The specified method is not allowed against this resource."));
    }

    private async Task<IResult> PutPartAsync(string eid, int part, HttpContext context)
    {
        var request = context.Request;
        if (request.Headers.Authorization.Count > 0)
        {
            return Error(StatusCodes.Status400BadRequest, "InvalidArgument",
                "Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string parameter or the Authorization header should be specified");
        }

        switch (state.PartUrls.Check(request.Query["X-Amz-Signature"].ToString(), eid, part))
        {
            case PartUrlCheck.Expired:
                return Error(StatusCodes.Status403Forbidden, "AccessDenied", "Request has expired");
            case PartUrlCheck.BadSignature:
                return Error(StatusCodes.Status403Forbidden, "SignatureDoesNotMatch",
                    "The request signature we calculated does not match the signature you provided. Check your key and signing method.");
        }

        if (state.Find(eid) is not { } capture || capture.Deleted || capture.Upload.Completed
            || request.Query["uploadId"].ToString() != capture.Upload.UploadId)
        {
            return Error(StatusCodes.Status404NotFound, "NoSuchUpload",
                "The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.");
        }

        var upload = capture.Upload;
        upload.Attempted(part);
        var expected = upload.SizeOf(part);
        if (request.ContentLength is not { } length)
        {
            return Error(StatusCodes.Status411LengthRequired, "MissingContentLength", "You must provide the Content-Length HTTP header.");
        }

        if (length != expected)
        {
            await DrainAsync(context, length, expected);
            return Error(StatusCodes.Status400BadRequest, "InvalidRequest",
                $"Part {part} must be exactly {expected} bytes (every part but the last is chunk_size bytes, the last holds the rest); Content-Length was {length}.");
        }

        var received = await ReceiveAsync(context, upload, part, expected);
        if (received is null)
        {
            // When the connection broke nobody reads this answer.
            return context.RequestAborted.IsCancellationRequested
                ? Results.Empty
                : Error(StatusCodes.Status400BadRequest, "IncompleteBody", "You did not provide the number of bytes specified by the Content-Length HTTP header.");
        }

        var (temporary, md5) = received.Value;
        var contentMd5 = request.Headers["Content-MD5"].ToString();
        if (contentMd5.Length > 0 && !string.Equals(contentMd5, Convert.ToBase64String(Convert.FromHexString(md5)), StringComparison.Ordinal))
        {
            TryDelete(temporary);
            return Error(StatusCodes.Status400BadRequest, "BadDigest", "The Content-MD5 you specified did not match what we received.");
        }

        bool committed;
        try
        {
            committed = !capture.Deleted && upload.Commit(part, temporary, md5, state.Clock.GetUtcNow());
        }
        catch (IOException)
        {
            // The capture was deleted (or the emulator reset) while the part was arriving.
            committed = false;
        }

        if (!committed)
        {
            TryDelete(temporary);
            return Error(StatusCodes.Status404NotFound, "NoSuchUpload", "The specified upload does not exist. The upload may have been completed.");
        }

        context.Response.Headers.ETag = $"\"{md5}\"";
        context.Response.Headers["x-amz-request-id"] = Infrastructure.RandomIds.Hex(8).ToUpperInvariant();
        return Results.Ok();
    }

    /// <summary>
    /// Reads the body (at the configured per-connection bandwidth) into a temporary file, or only through MD5 when
    /// uploads are not stored. Null when the connection broke or the body was short.
    /// </summary>
    private async Task<(string? Temporary, string Md5)?> ReceiveAsync(HttpContext context, MultipartUpload upload, int part, long expected)
    {
        var temporary = upload.TemporaryPath(part);
        var bandwidth = state.Options.PartBandwidth;
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        // Small reads keep a capped transfer smooth instead of bursting a whole buffer then sleeping.
        var readSize = bandwidth is { } cap ? (int)Math.Clamp(cap / 20, 1024, BufferSize) : BufferSize;
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        FileStream? file = null;
        try
        {
            if (temporary is not null)
            {
                file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 0, FileOptions.Asynchronous);
            }

            var started = Stopwatch.GetTimestamp();
            long total = 0;
            while (true)
            {
                var count = await context.Request.Body.ReadAsync(buffer.AsMemory(0, readSize), context.RequestAborted);
                if (count == 0)
                {
                    break;
                }

                md5.AppendData(buffer, 0, count);
                if (file is not null)
                {
                    await file.WriteAsync(buffer.AsMemory(0, count), context.RequestAborted);
                }

                total += count;
                if (bandwidth is { } limit)
                {
                    var due = TimeSpan.FromSeconds((double)total / limit) - Stopwatch.GetElapsedTime(started);
                    if (due > TimeSpan.Zero)
                    {
                        await Task.Delay(due, context.RequestAborted);
                    }
                }
            }

            if (total != expected)
            {
                throw new IOException("The body ended before Content-Length bytes.");
            }

            if (file is not null)
            {
                await file.DisposeAsync();
                file = null;
            }

            return (temporary, Convert.ToHexStringLower(md5.GetHashAndReset()));
        }
        catch (Exception ex) when (IsBrokenConnection(ex))
        {
            if (file is not null)
            {
                await file.DisposeAsync();
                file = null;
            }

            TryDelete(temporary);
            return null;
        }
        finally
        {
            if (file is not null)
            {
                await file.DisposeAsync();
            }

            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Reads (and drops) a refused body of reasonable size, so the client gets the 400 instead of a connection reset
    /// in the middle of its upload; a huge one is refused at once.
    /// </summary>
    private static async Task DrainAsync(HttpContext context, long length, long expected)
    {
        if (length > 2 * expected + 1024 * 1024)
        {
            context.Response.Headers.Connection = "close";
            return;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            while (await context.Request.Body.ReadAsync(buffer, context.RequestAborted) > 0)
            {
            }
        }
        catch (Exception ex) when (IsBrokenConnection(ex))
        {
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static bool IsBrokenConnection(Exception ex) =>
        ex is IOException or OperationCanceledException or ConnectionResetException or BadHttpRequestException or UnauthorizedAccessException;

    private static void TryDelete(string? path)
    {
        if (path is null)
        {
            return;
        }

        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }
    }

    /// <summary>An S3 error document.</summary>
    public static IResult Error(int status, string code, string message)
    {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>" + SecurityElement.Escape(message)
            + "</Message><RequestId>" + Infrastructure.RandomIds.Hex(8).ToUpperInvariant() + "</RequestId></Error>";
        return Results.Content(xml, "application/xml", System.Text.Encoding.UTF8, status);
    }
}
