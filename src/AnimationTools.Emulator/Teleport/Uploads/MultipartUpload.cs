using AnimationTools.Emulator.Infrastructure;

namespace AnimationTools.Emulator.Teleport;

/// <summary>
/// The S3 multipart upload behind one capture: <c>num_parts</c> parts of <c>chunk_size</c> bytes (the last holds the
/// rest). Each part keeps its last complete PUT: on disk in <see cref="Folder"/>, or only its size and MD5 when the
/// upload is not stored. Nothing is held in memory, so files of many gigabytes can be uploaded.
/// </summary>
internal sealed class MultipartUpload
{
    private readonly object sync = new();
    private readonly PartRecord[] parts;

    public MultipartUpload(long bytesize, long chunkSize, string? folder)
    {
        Bytesize = bytesize;
        ChunkSize = chunkSize;
        NumParts = (int)((bytesize + chunkSize - 1) / chunkSize);
        Folder = folder;
        parts = Enumerable.Range(1, NumParts).Select(n => new PartRecord(n, SizeOf(n))).ToArray();
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }
    }

    /// <summary>S3's upload id, carried in the part URLs.</summary>
    public string UploadId { get; } = RandomIds.Base64Url(48);

    public long Bytesize { get; }

    public long ChunkSize { get; }

    public int NumParts { get; }

    /// <summary>Where the parts are stored; null when only their hashes are kept.</summary>
    public string? Folder { get; }

    /// <summary>True once <c>POST …/uploaded</c> accepted the part list: no more part PUTs.</summary>
    public bool Completed { get; private set; }

    /// <summary>The ETag list completion accepted (unquoted), to answer an identical repeat of the call.</summary>
    public IReadOnlyList<string>? CompletedEtags { get; private set; }

    /// <summary>Exact size part <paramref name="number"/> (1-based) must have.</summary>
    public long SizeOf(int number) => number < NumParts ? ChunkSize : Bytesize - ChunkSize * (NumParts - 1);

    public bool HasPart(int number) => number >= 1 && number <= NumParts;

    public void UrlIssued(int number)
    {
        lock (sync)
        {
            parts[number - 1].UrlsIssued++;
        }
    }

    /// <summary>Counts a PUT that reached the part (valid URL), whatever its outcome.</summary>
    public void Attempted(int number)
    {
        lock (sync)
        {
            parts[number - 1].Attempts++;
        }
    }

    /// <summary>A fresh temporary file for a PUT in progress, or null when parts are not stored.</summary>
    public string? TemporaryPath(int number) =>
        Folder is null ? null : Path.Combine(Folder, $"part-{number:D5}.{RandomIds.Hex(6)}.partial");

    /// <summary>Makes a complete PUT the part's content, replacing an earlier one (as S3 does).</summary>
    public bool Commit(int number, string? temporaryPath, string md5, DateTimeOffset at)
    {
        lock (sync)
        {
            if (Completed)
            {
                return false;
            }

            if (temporaryPath is not null)
            {
                File.Move(temporaryPath, PartPath(number), overwrite: true);
            }

            var part = parts[number - 1];
            part.Md5 = md5;
            part.Puts++;
            part.LastPutAt = at;
            return true;
        }
    }

    /// <summary>The MD5 (hex) of each part's stored content, null for parts never uploaded.</summary>
    public IReadOnlyList<string?> Md5s()
    {
        lock (sync)
        {
            return parts.Select(p => p.Md5).ToList();
        }
    }

    /// <summary>Ends the upload with the accepted ETags; false when it was already completed.</summary>
    public bool Complete(IReadOnlyList<string> etags)
    {
        lock (sync)
        {
            if (Completed)
            {
                return false;
            }

            Completed = true;
            CompletedEtags = etags;
            return true;
        }
    }

    /// <summary>Marks a seeded capture's upload as done without any bytes.</summary>
    public void CompleteWithoutParts()
    {
        lock (sync)
        {
            Completed = true;
            CompletedEtags = [];
        }
    }

    public string PartPath(int number) => Path.Combine(Folder ?? throw new InvalidOperationException("Parts are not stored."), $"part-{number:D5}");

    /// <summary>Whether every part is stored on disk, so the whole file can be read back.</summary>
    public bool CanReadBack()
    {
        lock (sync)
        {
            return Folder is not null && parts.All(p => p.Md5 is not null);
        }
    }

    public IReadOnlyList<PartInfo> Parts()
    {
        lock (sync)
        {
            return parts.Select(p => new PartInfo(p.Number, p.Size, p.Md5 is null ? null : p.Size, p.Md5, p.Md5 is null ? null : $"\"{p.Md5}\"",
                p.Puts, p.Attempts, p.UrlsIssued, p.LastPutAt)).ToList();
        }
    }

    /// <summary>Deletes the stored parts (capture deleted, emulator reset).</summary>
    public void DeleteFiles()
    {
        if (Folder is null)
        {
            return;
        }

        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A PUT still writing keeps a handle open; the whole root goes on dispose.
        }
    }

    private sealed class PartRecord(int number, long size)
    {
        public int Number { get; } = number;

        public long Size { get; } = size;

        public string? Md5 { get; set; }

        public int Puts { get; set; }

        public int Attempts { get; set; }

        public int UrlsIssued { get; set; }

        public DateTimeOffset? LastPutAt { get; set; }
    }
}

/// <summary>What the control API reports about one part.</summary>
/// <param name="Size">The size the part must have.</param>
/// <param name="StoredSize">Bytes of the stored content; null until a PUT completed.</param>
/// <param name="Puts">Complete PUTs (each one stored the part).</param>
/// <param name="Attempts">PUTs with a valid URL, including refused and broken ones.</param>
/// <param name="UrlsIssued">Upload URLs handed out for the part.</param>
public sealed record PartInfo(int Number, long Size, long? StoredSize, string? Md5, string? Etag, int Puts, int Attempts, int UrlsIssued, DateTimeOffset? LastPutAt);
