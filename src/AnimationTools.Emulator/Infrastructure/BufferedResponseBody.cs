using System.IO.Pipelines;
using Microsoft.AspNetCore.Http.Features;

namespace AnimationTools.Emulator.Infrastructure;

/// <summary>
/// Response body that keeps everything in memory and never starts the real response, so a fault can run the handler
/// to the end and then decide what the client sees: nothing (a dead connection), another answer, or the answer
/// late, cut or stalled.
/// </summary>
internal sealed class BufferedResponseBody : IHttpResponseBodyFeature
{
    private readonly MemoryStream buffer = new();

    public BufferedResponseBody()
    {
        Writer = PipeWriter.Create(buffer, new StreamPipeWriterOptions(leaveOpen: true));
    }

    public Stream Stream => buffer;

    public PipeWriter Writer { get; }

    public void DisableBuffering()
    {
    }

    public Task StartAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public async Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default)
    {
        await using var file = File.OpenRead(path);
        file.Seek(offset, SeekOrigin.Begin);
        var remaining = count ?? file.Length - offset;
        var chunk = new byte[81920];
        while (remaining > 0)
        {
            var read = await file.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, remaining)), cancellationToken);
            if (read == 0)
            {
                break;
            }

            await buffer.WriteAsync(chunk.AsMemory(0, read), cancellationToken);
            remaining -= read;
        }
    }

    public async Task CompleteAsync() => await Writer.FlushAsync();

    /// <summary>Everything the handler wrote, whether through the stream or the pipe writer.</summary>
    public async Task<byte[]> ToArrayAsync()
    {
        await Writer.FlushAsync();
        return buffer.ToArray();
    }
}
