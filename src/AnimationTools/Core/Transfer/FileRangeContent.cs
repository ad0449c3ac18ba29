using System.Buffers;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;

namespace AnimationTools.Core.Transfer
{
    /// <summary>
    /// A request body that is a window of a file on disk. It opens the file each time it is sent, so a retry, the
    /// replay after a re-login or a followed 307/308 sends it whole again, and it reports its length, so it goes out
    /// with Content-Length (storage services refuse chunked uploads; Flurl's FileContent has no length). Progress
    /// restarts at the window's offset on every send.
    /// </summary>
    public sealed class FileRangeContent : HttpContent
    {
        const int BufferSize = 128 * 1024;

        readonly string _path;
        readonly long _offset;
        readonly long _length;
        readonly TransferProgress _progress;

        public FileRangeContent(string path, long offset, long length, TransferProgress progress = null)
        {
            _path = path;
            _offset = offset;
            _length = length;
            _progress = progress;
            Headers.ContentLength = length;
        }

        /// <summary>The whole file.</summary>
        public static FileRangeContent Whole(string path, TransferProgress progress = null) => new FileRangeContent(path, 0, new FileInfo(path).Length, progress);

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext context)
        {
            _progress?.Set(_offset);
            var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
            try
            {
                // No FileStream buffer (size 1): we read in blocks of our own, and a buffered stream would allocate one
                // for each window's short last read.
                using (var file = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan))
                {
                    file.Seek(_offset, SeekOrigin.Begin);
                    for (var left = _length; left > 0;)
                    {
                        var read = await file.ReadAsync(buffer, 0, (int)System.Math.Min(buffer.Length, left)).ConfigureAwait(false);
                        if (read == 0)
                        {
                            throw new IOException($"'{Path.GetFileName(_path)}' became shorter while it was being sent.");
                        }
                        await stream.WriteAsync(buffer, 0, read).ConfigureAwait(false);
                        left -= read;
                        _progress?.Add(read);
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
