namespace AnimationTools.Emulator.Infrastructure;

/// <summary>
/// Hands the handler at most <c>afterBytes</c> bytes of the request body, then aborts the connection, so the handler
/// keeps what it read, exactly like a connection that broke mid-upload.
/// </summary>
internal sealed class DroppingRequestStream(Stream inner, long afterBytes, Action abortConnection) : Stream
{
    private long remaining = afterBytes;

    public bool Tripped { get; private set; }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.Length == 0)
        {
            return 0;
        }

        if (remaining <= 0)
        {
            Trip();
        }

        // Never ask the inner stream for more than the allowance, so the byte counter below us stays exact.
        var read = await inner.ReadAsync(buffer[..(int)Math.Min(buffer.Length, remaining)], cancellationToken);
        remaining -= read;
        return read;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private void Trip()
    {
        Tripped = true;
        abortConnection();
        throw new IOException("Connection dropped by an injected fault.");
    }
}
