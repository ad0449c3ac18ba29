using System;
using System.IO;

namespace AnimationTools.Core.Transfer
{
    /// <summary>A read-only window of a file that reports what is read, so an upload streams from disk with progress.</summary>
    sealed class FileSliceStream : Stream
    {
        readonly FileStream _file;
        readonly long _length;
        readonly Action<long> _onRead;
        long _position;

        public FileSliceStream(string path, long offset, long length, Action<long> onRead)
        {
            _file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan);
            _file.Seek(offset, SeekOrigin.Begin);
            _length = length;
            _onRead = onRead;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => _length;

        public override long Position
        {
            get => _position;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var wanted = (int)Math.Min(count, _length - _position);
            if (wanted <= 0)
            {
                return 0;
            }
            var read = _file.Read(buffer, offset, wanted);
            _position += read;
            _onRead?.Invoke(read);
            return read;
        }

        public override async System.Threading.Tasks.Task<int> ReadAsync(byte[] buffer, int offset, int count, System.Threading.CancellationToken cancellationToken)
        {
            var wanted = (int)Math.Min(count, _length - _position);
            if (wanted <= 0)
            {
                return 0;
            }
            var read = await _file.ReadAsync(buffer, offset, wanted, cancellationToken).ConfigureAwait(false);
            _position += read;
            _onRead?.Invoke(read);
            return read;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _file.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
