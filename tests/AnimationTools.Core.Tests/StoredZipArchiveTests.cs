using System.IO.Compression;
using AnimationTools.Core.Transfer;

namespace AnimationTools.Core.Tests;

/// <summary>The zip stream of a folder: valid, addressable at any offset by parallel readers, its length known up front.</summary>
public sealed class StoredZipArchiveTests : IDisposable
{
    readonly string _folder = Directory.CreateTempSubdirectory("zip-").FullName;
    readonly Dictionary<string, byte[]> _files = new();

    public StoredZipArchiveTests()
    {
        var random = new Random(11);
        foreach (var name in new[] { "a.jpg", "b.jpg", "nested/deeper/c.png", "nested/d.jpeg", "empty.jpg", "ünïcode name.jpg" })
        {
            var bytes = new byte[name == "empty.jpg" ? 0 : random.Next(1, 300_000)];
            random.NextBytes(bytes);
            var path = Path.Combine(_folder, name);
            Directory.CreateDirectory(Path.GetDirectoryName(path));
            File.WriteAllBytes(path, bytes);
            _files[name] = bytes;
        }
        File.WriteAllText(Path.Combine(_folder, "skip.txt"), "left out");
    }

    StoredZipArchive Archive() => StoredZipArchive.FromFolder(_folder, p => !p.EndsWith(".txt"));

    static byte[] ReadAll(Stream stream)
    {
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }

    [Fact]
    public void It_is_a_valid_zip_of_every_file_with_stored_entries_and_the_announced_length()
    {
        var archive = Archive();
        byte[] bytes;
        using (var stream = archive.OpenRead()) bytes = ReadAll(stream);

        Assert.Equal(archive.Length, bytes.Length);
        Assert.Equal(6, archive.Count);
        using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
        Assert.Equal(_files.Keys.OrderBy(k => k, StringComparer.Ordinal), zip.Entries.Select(e => e.FullName));
        foreach (var entry in zip.Entries)
        {
            using var read = entry.Open();
            Assert.Equal(_files[entry.FullName], ReadAll(read));
            Assert.Equal(entry.Length, entry.CompressedLength);
        }
    }

    [Fact]
    public async Task Any_window_read_on_its_own_and_in_parallel_is_the_same_bytes_as_the_whole()
    {
        var archive = Archive();
        await archive.ComputeChecksumsAsync(null, CancellationToken.None);
        byte[] whole;
        using (var stream = archive.OpenRead()) whole = ReadAll(stream);

        const int part = 65_537;
        var windows = Enumerable.Range(0, (int)((archive.Length + part - 1) / part)).Reverse().ToList();
        var read = new byte[archive.Length];
        await Task.WhenAll(windows.Select(async n =>
        {
            using var content = new SourceRangeContent(archive, (long)n * part, Math.Min(part, archive.Length - (long)n * part));
            var bytes = await content.ReadAsByteArrayAsync();
            bytes.CopyTo(read, (long)n * part);
        }));
        Assert.Equal(whole, read);

        // Odd offsets, inside headers and the directory too.
        using var reader = archive.OpenRead();
        foreach (var offset in new long[] { 0, 3, 29, 31, archive.Length - 22, archive.Length - 1, archive.Length / 2 })
        {
            reader.Seek(offset, SeekOrigin.Begin);
            var buffer = new byte[(int)Math.Min(100, archive.Length - offset)];
            var got = 0;
            while (got < buffer.Length) got += reader.Read(buffer, got, buffer.Length - got);
            Assert.Equal(whole.Skip((int)offset).Take(buffer.Length), buffer);
        }
    }

    [Fact]
    public void Its_identity_changes_with_a_file_and_a_file_that_changes_while_it_is_sent_is_an_error()
    {
        var before = Archive();
        File.WriteAllBytes(Path.Combine(_folder, "a.jpg"), new byte[10]);
        var after = Archive();
        Assert.NotEqual(before.Identity, after.Identity);

        using var stream = before.OpenRead();
        Assert.Throws<IOException>(() => ReadAll(stream));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
