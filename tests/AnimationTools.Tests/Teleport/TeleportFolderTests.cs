using System.IO.Compression;
using AnimationTools.Tests.Infrastructure;

namespace AnimationTools.Tests.Teleport;

/// <summary>A folder of photos goes up as a bulk-images zip streamed in parallel parts, never written to disk.</summary>
public sealed class TeleportFolderTests : TeleportCmdletTestBase
{
    public TeleportFolderTests(EmulatorFixture emulator) : base(emulator)
    {
    }

    /// <summary>40 distinct JPEGs (the sample photo with a different trailer each), some in sub-folders, and files that are no images.</summary>
    Dictionary<string, byte[]> Photos(string folder, int count)
    {
        var sample = File.ReadAllBytes(Path.Combine(RepoPaths.Assets, "pose.jpg"));
        var photos = new Dictionary<string, byte[]>();
        for (var i = 0; i < count; i++)
        {
            var name = i % 3 == 0 ? $"ring-{i / 10}/img{i:D3}.jpg" : $"img{i:D3}.jpg";
            var bytes = sample.Concat(TeleportApi.Bytes(100 + i, seed: i)).ToArray();
            var path = Path.Combine(Work, folder, name.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(path));
            File.WriteAllBytes(path, bytes);
            photos[name] = bytes;
        }
        File.WriteAllText(Path.Combine(Work, folder, "notes.txt"), "not a photo");
        File.WriteAllText(Path.Combine(Work, folder, "ring-0", ".DS_Store"), "junk");
        return photos;
    }

    [Fact]
    public void A_folder_of_40_images_arrives_as_a_valid_zip_with_every_image()
    {
        Configure(new { chunkSize = 16 * 1024 });
        var photos = Photos("statue", 40);
        Connect();

        var capture = Shell.Run("New-TeleportCapture -Path ./statue -Name 'Statue' | Wait-Job -Timeout 60 | Receive-Job").ThrowOnError().Output.Single();
        var eid = (string)capture.Properties["Eid"].Value;

        var info = Emulator.Server.State.Teleport.ListCaptures().Single();
        Assert.Equal("bulk-images", info.InputDataFormat);
        Assert.Equal("Statue", info.Name);
        var upload = Upload(eid);
        Assert.True(upload.GetProperty("numParts").GetInt32() > 10, "the zip should span many parts");
        Assert.All(Parts(upload), p => Assert.Equal(1, p.GetProperty("puts").GetInt32()));

        var zipBytes = UploadedFile(eid);
        Assert.Equal(info.Bytesize, zipBytes.Length);
        using var zip = new ZipArchive(new MemoryStream(zipBytes), ZipArchiveMode.Read);
        Assert.Equal(photos.Keys.OrderBy(k => k, StringComparer.Ordinal), zip.Entries.Select(e => e.FullName));
        foreach (var entry in zip.Entries)
        {
            using var read = new MemoryStream();
            // Reading to the end checks the entry's CRC-32 too.
            using (var stream = entry.Open()) stream.CopyTo(read);
            Assert.Equal(photos[entry.FullName], read.ToArray());
            Assert.Equal(entry.Length, entry.CompressedLength);
        }
        // Nothing was written next to the photos or in the working folder.
        Assert.Empty(Directory.GetFiles(Work, "*.zip", SearchOption.AllDirectories));
    }

    [Fact]
    public void A_folder_without_images_is_refused_before_anything_is_sent()
    {
        Directory.CreateDirectory(Path.Combine(Work, "empty"));
        File.WriteAllText(Path.Combine(Work, "empty", "readme.md"), "no photos here");
        Connect();
        Emulator.Server.State.Requests.Clear();

        var result = Shell.Run("New-TeleportCapture ./empty");
        Assert.StartsWith("Teleport.NoImages", result.Errors.Single().FullyQualifiedErrorId);
        Assert.Empty(Requests());
    }

    [Fact]
    public void A_zip_file_is_bulk_images_and_other_files_need_an_input_format()
    {
        var archive = Path.Combine(Work, "photos.zip");
        using (var zip = ZipFile.Open(archive, ZipArchiveMode.Create))
        {
            zip.CreateEntryFromFile(Path.Combine(RepoPaths.Assets, "pose.jpg"), "a.jpg");
        }
        File.WriteAllText(Path.Combine(Work, "notes.txt"), "text");
        Connect();

        Shell.Run("New-TeleportCapture ./photos.zip | Wait-Job -Timeout 30 | Receive-Job").ThrowOnError();
        Assert.Equal("bulk-images", Emulator.Server.State.Teleport.ListCaptures().Single().InputDataFormat);
        Assert.Equal("photos.zip", Emulator.Server.State.Teleport.ListCaptures().Single().Name);

        var unknown = Shell.Run("New-TeleportCapture ./notes.txt");
        Assert.StartsWith("Teleport.UnsupportedFileType", unknown.Errors.Single().FullyQualifiedErrorId);
        var notAVideo = Shell.Run("New-TeleportCapture ./notes.txt -InputFormat video");
        Assert.StartsWith("Teleport.UnsupportedFileType", notAVideo.Errors.Single().FullyQualifiedErrorId);
        Assert.Single(Emulator.Server.State.Teleport.ListCaptures());
    }
}
