using System.Buffers;
using Microsoft.AspNetCore.Connections;

namespace AnimationTools.Emulator.DeepMotion;

/// <summary>
/// Copies a request body into an upload buffer as it arrives, so that a connection breaking mid-PUT leaves every
/// byte read so far stored, as GCS keeps what it received.
/// </summary>
internal static class BodyReceiver
{
    /// <param name="skip">Leading bytes to discard (a chunk overlapping bytes already stored).</param>
    /// <param name="limit">Most bytes to store; more are read and ignored.</param>
    public static async Task<ReceiveResult> ReceiveAsync(HttpRequest request, UploadBuffer target, long skip = 0, long limit = long.MaxValue)
    {
        var chunk = ArrayPool<byte>.Shared.Rent(64 * 1024);
        long read = 0;
        long stored = 0;
        try
        {
            while (true)
            {
                int count;
                try
                {
                    count = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted);
                }
                catch (Exception ex) when (IsBrokenConnection(ex))
                {
                    return new ReceiveResult(read, stored, Broken: true);
                }

                if (count == 0)
                {
                    return new ReceiveResult(read, stored, Broken: false);
                }

                var data = chunk.AsSpan(0, count);
                var skipHere = (int)Math.Clamp(skip - read, 0, count);
                data = data[skipHere..];
                var room = limit - stored;
                if (data.Length > room)
                {
                    data = data[..(int)room];
                }

                target.Append(data);
                stored += data.Length;
                read += count;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }

    private static bool IsBrokenConnection(Exception ex) =>
        ex is IOException or OperationCanceledException or ConnectionResetException or BadHttpRequestException;
}

/// <summary>Outcome of reading one request body.</summary>
/// <param name="Read">Body bytes read.</param>
/// <param name="Stored">Bytes appended to the upload.</param>
/// <param name="Broken">The connection failed before the body ended.</param>
internal readonly record struct ReceiveResult(long Read, long Stored, bool Broken);
