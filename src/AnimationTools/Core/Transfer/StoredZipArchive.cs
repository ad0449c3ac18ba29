using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace AnimationTools.Core.Transfer
{
    /// <summary>
    /// A zip archive of files that exists only as a read-only stream: entries are stored (no compression), so every
    /// header, offset and the total length are known from the files' names and sizes before a byte is read, and any
    /// offset can be read without reading what comes before it. Parallel part uploads each open their own reader at
    /// their part's offset; nothing is written to disk or held in memory but small headers. Checksums (CRC-32) are read
    /// from the files once, by <see cref="ComputeChecksumsAsync"/> or, failing that, when a header needs one. ZIP64
    /// records are written when an entry, an offset, the directory or the entry count outgrows the classic format.
    /// </summary>
    public sealed class StoredZipArchive : IUploadSource
    {
        const uint Max32 = 0xFFFFFFFF;
        const int Max16 = 0xFFFF;
        const ushort Utf8Names = 0x0800;

        readonly string[] _paths;
        readonly byte[][] _names;
        readonly long[] _sizes;
        readonly DateTime[] _writeTimesUtc;
        readonly ushort[] _dosTimes;
        readonly ushort[] _dosDates;
        readonly long[] _localOffsets;
        readonly int[] _headerLengths;
        readonly long[] _directoryOffsets;
        readonly uint[] _checksums;
        readonly bool[] _hasChecksum;
        readonly object[] _checksumGates;
        readonly long _directoryStart;
        readonly long _directorySize;
        readonly byte[] _tail;

        /// <param name="name">The archive's name, for messages (e.g. <c>photos.zip</c>).</param>
        /// <param name="files">Full path of each file and its entry name (relative, <c>/</c> separators), in archive order.</param>
        public StoredZipArchive(string name, IReadOnlyList<KeyValuePair<string, string>> files)
        {
            Name = name;
            var count = files.Count;
            _paths = new string[count];
            _names = new byte[count][];
            _sizes = new long[count];
            _writeTimesUtc = new DateTime[count];
            _dosTimes = new ushort[count];
            _dosDates = new ushort[count];
            _localOffsets = new long[count];
            _headerLengths = new int[count];
            _directoryOffsets = new long[count];
            _checksums = new uint[count];
            _hasChecksum = new bool[count];
            _checksumGates = new object[count];

            long position = 0;
            using (var identity = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
            {
                for (var i = 0; i < count; i++)
                {
                    var info = new FileInfo(files[i].Key);
                    _paths[i] = info.FullName;
                    _names[i] = Encoding.UTF8.GetBytes(files[i].Value);
                    if (_names[i].Length > Max16)
                    {
                        throw new ArgumentException($"The entry name '{files[i].Value}' is too long for a zip archive.");
                    }
                    _sizes[i] = info.Length;
                    _writeTimesUtc[i] = info.LastWriteTimeUtc;
                    DosTime(info.LastWriteTime, out _dosTimes[i], out _dosDates[i]);
                    _checksumGates[i] = new object();
                    _localOffsets[i] = position;
                    _headerLengths[i] = 30 + _names[i].Length + (NeedsZip64Sizes(i) ? 20 : 0);
                    position += _headerLengths[i] + _sizes[i];
                    var line = Encoding.UTF8.GetBytes(files[i].Value + "\0" + _sizes[i].ToString(CultureInfo.InvariantCulture) + "\0"
                        + _writeTimesUtc[i].Ticks.ToString(CultureInfo.InvariantCulture) + "\n");
                    identity.AppendData(line);
                }
                _directoryStart = position;
                for (var i = 0; i < count; i++)
                {
                    _directoryOffsets[i] = position;
                    position += DirectoryEntryLength(i);
                }
                _directorySize = position - _directoryStart;
                _tail = Tail(count);
                Length = position + _tail.Length;
                Identity = "zip|" + Convert.ToBase64String(identity.GetHashAndReset()) + "|" + Length.ToString(CultureInfo.InvariantCulture);
            }
        }

        /// <summary>
        /// The archive of the files under <paramref name="folder"/> (sub-folders included) that <paramref name="include"/>
        /// accepts, named by their paths relative to the folder and sorted by them (ordinal), so the same folder always
        /// gives the same bytes.
        /// </summary>
        public static StoredZipArchive FromFolder(string folder, Func<string, bool> include)
        {
            var root = Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
            var files = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
                .Where(f => include == null || include(f))
                .Select(f => new KeyValuePair<string, string>(f, f.Substring(root.Length + 1).Replace(Path.DirectorySeparatorChar, '/').Replace(Path.AltDirectorySeparatorChar, '/')))
                .OrderBy(f => f.Value, StringComparer.Ordinal)
                .ToList();
            return new StoredZipArchive(Path.GetFileName(root) + ".zip", files);
        }

        public string Name { get; }

        public long Length { get; }

        /// <summary>Changes whenever an entry's name, length or write time does.</summary>
        public string Identity { get; }

        /// <summary>Number of files in the archive.</summary>
        public int Count => _paths.Length;

        /// <summary>Entry names, in archive order.</summary>
        public IEnumerable<string> EntryNames => _names.Select(n => Encoding.UTF8.GetString(n));

        /// <summary>Total bytes of the files (the archive adds headers and its directory).</summary>
        public long ContentLength => _sizes.Sum();

        public Stream OpenRead() => new Reader(this);

        /// <summary>Reads every file once for its checksum (the archive's headers need them); reports bytes read.</summary>
        public async Task ComputeChecksumsAsync(Action<long> read, CancellationToken cancellationToken)
        {
            for (var i = 0; i < _paths.Length; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!_hasChecksum[i])
                {
                    var crc = await ReadChecksumAsync(i, read, cancellationToken).ConfigureAwait(false);
                    lock (_checksumGates[i])
                    {
                        _checksums[i] = crc;
                        _hasChecksum[i] = true;
                    }
                }
            }
        }

        bool NeedsZip64Sizes(int i) => _sizes[i] >= Max32;

        bool NeedsZip64Offset(int i) => _localOffsets[i] >= Max32;

        int DirectoryEntryLength(int i) => 46 + _names[i].Length + DirectoryExtraLength(i);

        int DirectoryExtraLength(int i)
        {
            var length = (NeedsZip64Sizes(i) ? 16 : 0) + (NeedsZip64Offset(i) ? 8 : 0);
            return length == 0 ? 0 : length + 4;
        }

        uint ChecksumOf(int i)
        {
            lock (_checksumGates[i])
            {
                if (!_hasChecksum[i])
                {
                    _checksums[i] = ReadChecksumAsync(i, null, CancellationToken.None).GetAwaiter().GetResult();
                    _hasChecksum[i] = true;
                }
                return _checksums[i];
            }
        }

        async Task<uint> ReadChecksumAsync(int i, Action<long> read, CancellationToken cancellationToken)
        {
            var crc = new Crc32();
            var buffer = ArrayPool<byte>.Shared.Rent(128 * 1024);
            try
            {
                using (var file = OpenFile(i))
                {
                    long total = 0;
                    int count;
                    while ((count = await file.ReadAsync(buffer, 0, buffer.Length, cancellationToken).ConfigureAwait(false)) > 0)
                    {
                        crc.Append(buffer, 0, count);
                        total += count;
                        read?.Invoke(count);
                    }
                    if (total != _sizes[i])
                    {
                        throw Changed(i);
                    }
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
            return crc.Value;
        }

        FileStream OpenFile(int i)
        {
            var file = new FileStream(_paths[i], FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
            if (file.Length != _sizes[i])
            {
                file.Dispose();
                throw Changed(i);
            }
            return file;
        }

        IOException Changed(int i) => new IOException($"'{_paths[i]}' changed while the archive '{Name}' was being sent; run the command again.");

        byte[] LocalHeader(int i)
        {
            var zip64 = NeedsZip64Sizes(i);
            var header = new Writer(_headerLengths[i]);
            header.U32(0x04034b50);
            header.U16((ushort)(zip64 ? 45 : 20));
            header.U16(Utf8Names);
            header.U16(0);
            header.U16(_dosTimes[i]);
            header.U16(_dosDates[i]);
            header.U32(ChecksumOf(i));
            header.U32(zip64 ? Max32 : (uint)_sizes[i]);
            header.U32(zip64 ? Max32 : (uint)_sizes[i]);
            header.U16((ushort)_names[i].Length);
            header.U16((ushort)(zip64 ? 20 : 0));
            header.Bytes(_names[i]);
            if (zip64)
            {
                header.U16(1);
                header.U16(16);
                header.U64((ulong)_sizes[i]);
                header.U64((ulong)_sizes[i]);
            }
            return header.Done();
        }

        byte[] DirectoryEntry(int i)
        {
            var sizes64 = NeedsZip64Sizes(i);
            var offset64 = NeedsZip64Offset(i);
            var extra = DirectoryExtraLength(i);
            var entry = new Writer(DirectoryEntryLength(i));
            entry.U32(0x02014b50);
            entry.U16(45);
            entry.U16((ushort)(sizes64 || offset64 ? 45 : 20));
            entry.U16(Utf8Names);
            entry.U16(0);
            entry.U16(_dosTimes[i]);
            entry.U16(_dosDates[i]);
            entry.U32(ChecksumOf(i));
            entry.U32(sizes64 ? Max32 : (uint)_sizes[i]);
            entry.U32(sizes64 ? Max32 : (uint)_sizes[i]);
            entry.U16((ushort)_names[i].Length);
            entry.U16((ushort)extra);
            entry.U16(0);
            entry.U16(0);
            entry.U16(0);
            entry.U32(0);
            entry.U32(offset64 ? Max32 : (uint)_localOffsets[i]);
            entry.Bytes(_names[i]);
            if (extra > 0)
            {
                entry.U16(1);
                entry.U16((ushort)(extra - 4));
                if (sizes64)
                {
                    entry.U64((ulong)_sizes[i]);
                    entry.U64((ulong)_sizes[i]);
                }
                if (offset64)
                {
                    entry.U64((ulong)_localOffsets[i]);
                }
            }
            return entry.Done();
        }

        byte[] Tail(int count)
        {
            var zip64 = count >= Max16 || _directoryStart >= Max32 || _directorySize >= Max32
                || Enumerable.Range(0, count).Any(i => NeedsZip64Sizes(i) || NeedsZip64Offset(i));
            var tail = new Writer((zip64 ? 56 + 20 : 0) + 22);
            if (zip64)
            {
                var record = _directoryStart + _directorySize;
                tail.U32(0x06064b50);
                tail.U64(44);
                tail.U16(45);
                tail.U16(45);
                tail.U32(0);
                tail.U32(0);
                tail.U64((ulong)count);
                tail.U64((ulong)count);
                tail.U64((ulong)_directorySize);
                tail.U64((ulong)_directoryStart);
                tail.U32(0x07064b50);
                tail.U32(0);
                tail.U64((ulong)record);
                tail.U32(1);
            }
            tail.U32(0x06054b50);
            tail.U16(0);
            tail.U16(0);
            tail.U16((ushort)Math.Min(count, Max16));
            tail.U16((ushort)Math.Min(count, Max16));
            tail.U32((uint)Math.Min(_directorySize, Max32));
            tail.U32((uint)Math.Min(_directoryStart, Max32));
            tail.U16(0);
            return tail.Done();
        }

        static void DosTime(DateTime local, out ushort time, out ushort date)
        {
            if (local.Year < 1980)
            {
                local = new DateTime(1980, 1, 1);
            }
            else if (local.Year > 2107)
            {
                local = new DateTime(2107, 12, 31, 23, 59, 58);
            }
            time = (ushort)((local.Hour << 11) | (local.Minute << 5) | (local.Second / 2));
            date = (ushort)(((local.Year - 1980) << 9) | (local.Month << 5) | local.Day);
        }

        /// <summary>The last index whose start is at most <paramref name="position"/>.</summary>
        static int Locate(long[] starts, long position)
        {
            var index = Array.BinarySearch(starts, position);
            return index >= 0 ? index : ~index - 1;
        }

        sealed class Writer
        {
            readonly byte[] _bytes;
            int _at;

            public Writer(int length)
            {
                _bytes = new byte[length];
            }

            public void U16(ushort value)
            {
                _bytes[_at++] = (byte)value;
                _bytes[_at++] = (byte)(value >> 8);
            }

            public void U32(uint value)
            {
                U16((ushort)value);
                U16((ushort)(value >> 16));
            }

            public void U64(ulong value)
            {
                U32((uint)value);
                U32((uint)(value >> 32));
            }

            public void Bytes(byte[] value)
            {
                Buffer.BlockCopy(value, 0, _bytes, _at, value.Length);
                _at += value.Length;
            }

            public byte[] Done()
            {
                if (_at != _bytes.Length)
                {
                    throw new InvalidOperationException("zip record length mismatch");
                }
                return _bytes;
            }
        }

        /// <summary>One reader of the archive: its own position and at most one open file.</summary>
        sealed class Reader : Stream
        {
            readonly StoredZipArchive _archive;
            long _position;
            int _openEntry = -1;
            FileStream _file;

            public Reader(StoredZipArchive archive)
            {
                _archive = archive;
            }

            public override bool CanRead => true;

            public override bool CanSeek => true;

            public override bool CanWrite => false;

            public override long Length => _archive.Length;

            public override long Position
            {
                get => _position;
                set => Seek(value, SeekOrigin.Begin);
            }

            public override long Seek(long offset, SeekOrigin origin)
            {
                var target = origin == SeekOrigin.Begin ? offset : origin == SeekOrigin.Current ? _position + offset : Length + offset;
                if (target < 0)
                {
                    throw new IOException("Cannot seek before the start of the archive.");
                }
                _position = target;
                return _position;
            }

            public override int Read(byte[] buffer, int offset, int count) => ReadCoreAsync(buffer, offset, count, false, CancellationToken.None).GetAwaiter().GetResult();

            public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
                ReadCoreAsync(buffer, offset, count, true, cancellationToken);

            /// <summary>Reads from the one region (a header, a file, the directory, the end records) the position is in.</summary>
            async Task<int> ReadCoreAsync(byte[] buffer, int offset, int count, bool async, CancellationToken cancellationToken)
            {
                var archive = _archive;
                if (count == 0 || _position >= archive.Length)
                {
                    return 0;
                }
                int read;
                if (_position < archive._directoryStart)
                {
                    var i = Locate(archive._localOffsets, _position);
                    var within = _position - archive._localOffsets[i];
                    var headerLength = archive._headerLengths[i];
                    if (within < headerLength)
                    {
                        read = Copy(archive.LocalHeader(i), within, buffer, offset, count);
                    }
                    else
                    {
                        var dataAt = within - headerLength;
                        var wanted = (int)Math.Min(count, archive._sizes[i] - dataAt);
                        var file = FileOf(i);
                        if (file.Position != dataAt)
                        {
                            file.Seek(dataAt, SeekOrigin.Begin);
                        }
                        read = async
                            ? await file.ReadAsync(buffer, offset, wanted, cancellationToken).ConfigureAwait(false)
                            : file.Read(buffer, offset, wanted);
                        if (read == 0)
                        {
                            throw archive.Changed(i);
                        }
                    }
                }
                else if (_position < archive._directoryStart + archive._directorySize)
                {
                    var i = Locate(archive._directoryOffsets, _position);
                    read = Copy(archive.DirectoryEntry(i), _position - archive._directoryOffsets[i], buffer, offset, count);
                }
                else
                {
                    read = Copy(archive._tail, _position - archive._directoryStart - archive._directorySize, buffer, offset, count);
                }
                _position += read;
                return read;
            }

            FileStream FileOf(int i)
            {
                if (_openEntry != i)
                {
                    _file?.Dispose();
                    _file = null;
                    _file = _archive.OpenFile(i);
                    _openEntry = i;
                }
                return _file;
            }

            static int Copy(byte[] source, long from, byte[] buffer, int offset, int count)
            {
                var length = (int)Math.Min(count, source.Length - from);
                Buffer.BlockCopy(source, (int)from, buffer, offset, length);
                return length;
            }

            public override void Flush()
            {
            }

            public override void SetLength(long value) => throw new NotSupportedException();

            public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

            protected override void Dispose(bool disposing)
            {
                if (disposing)
                {
                    _file?.Dispose();
                    _file = null;
                }
                base.Dispose(disposing);
            }
        }
    }
}
