using System;
using System.Buffers;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace AnimationTools.Core.Transfer
{
    /// <summary>
    /// Bytes to upload whose length is known before the first one is sent, readable from any offset by several
    /// readers at once: a file on disk, or an archive computed from files (<see cref="StoredZipArchive"/>).
    /// </summary>
    public interface IUploadSource
    {
        /// <summary>A name for messages and progress, e.g. the file's name.</summary>
        string Name { get; }

        /// <summary>Exact length in bytes.</summary>
        long Length { get; }

        /// <summary>Changes whenever the bytes would (path, lengths, write times): the key of a resumable upload.</summary>
        string Identity { get; }

        /// <summary>A new read-only, seekable stream over the bytes; each concurrent reader opens its own.</summary>
        Stream OpenRead();
    }

    /// <summary>A file on disk as an upload source.</summary>
    public sealed class FileUploadSource : IUploadSource
    {
        public FileUploadSource(string path)
        {
            var file = new FileInfo(path);
            Path = file.FullName;
            Name = file.Name;
            Length = file.Length;
            Identity = string.Join("|", "file", file.FullName, file.Length.ToString(CultureInfo.InvariantCulture),
                file.LastWriteTimeUtc.Ticks.ToString(CultureInfo.InvariantCulture));
        }

        public string Path { get; }

        public string Name { get; }

        public long Length { get; }

        public string Identity { get; }

        // No FileStream buffer: readers read blocks of their own (see SourceRangeContent).
        public Stream OpenRead() => new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
    }

    /// <summary>
    /// A request body that is a window of an <see cref="IUploadSource"/>: opened anew each time it is sent (a retry
    /// sends it whole again), with a known length so it goes out with Content-Length, read in pooled 128 KiB blocks.
    /// It reports each block sent, and counts what the current send got through (<see cref="BytesSent"/>) so a failed
    /// attempt can take its bytes back from the progress.
    /// </summary>
    public sealed class SourceRangeContent : HttpContent
    {
        const int BufferSize = 128 * 1024;

        readonly IUploadSource _source;
        readonly long _offset;
        readonly long _length;
        readonly Action<long> _sent;
        long _bytesSent;

        public SourceRangeContent(IUploadSource source, long offset, long length, Action<long> sent = null)
        {
            if (offset < 0 || length < 0 || offset + length > source.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(offset), $"The window {offset}+{length} is outside the {source.Length} bytes of '{source.Name}'.");
            }
            _source = source;
            _offset = offset;
            _length = length;
            _sent = sent;
            Headers.ContentLength = length;
        }

        /// <summary>Bytes the current (or last) send wrote.</summary>
        public long BytesSent => Interlocked.Read(ref _bytesSent);

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext context)
        {
            // A replay starts over: take back what the previous send reported.
            var previous = Interlocked.Exchange(ref _bytesSent, 0);
            if (previous > 0)
            {
                _sent?.Invoke(-previous);
            }
            var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
            try
            {
                using (var input = _source.OpenRead())
                {
                    input.Seek(_offset, SeekOrigin.Begin);
                    for (var left = _length; left > 0;)
                    {
                        var read = await input.ReadAsync(buffer, 0, (int)Math.Min(buffer.Length, left)).ConfigureAwait(false);
                        if (read == 0)
                        {
                            throw new IOException($"'{_source.Name}' became shorter while it was being sent.");
                        }
                        await stream.WriteAsync(buffer, 0, read).ConfigureAwait(false);
                        left -= read;
                        Interlocked.Add(ref _bytesSent, read);
                        _sent?.Invoke(read);
                    }
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = _length;
            return true;
        }
    }
}
