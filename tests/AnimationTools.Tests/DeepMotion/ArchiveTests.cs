using System.IO.Compression;
using System.Text;
using AnimationTools.Tests.Infrastructure;

namespace AnimationTools.Tests;

/// <summary>DeepMotion's zip archives (bvh, fbx, glb) are extracted, named per job, removed unless kept, and extracted safely.</summary>
public sealed class ArchiveTests : DeepMotionTestBase
{
    public ArchiveTests(EmulatorFixture emulator) : base(emulator) { }

    static string Magic(string path, int length) => Encoding.ASCII.GetString(File.ReadAllBytes(path).Take(length).ToArray());

    [Fact]
    public void Two_jobs_of_the_same_video_never_collide_and_the_result_lists_the_extracted_files()
    {
        Connect();
        var result = Shell.Run("""
            $jobs = (Send-Video -LiteralPath $assets/walk.mp4), (Send-Video -LiteralPath $assets/walk.mp4) |
                Start-AnimationJob -Format bvh, fbx, glb -Destination $work/anim
            $jobs | Wait-Job | Receive-Job
            """).ThrowOnError();

        Assert.Equal(2, result.Output.Count);
        var onDisk = Directory.GetFiles(Path.Combine(Work, "anim")).Select(Path.GetFileName).OrderBy(n => n).ToList();
        Assert.Equal(6, onDisk.Count);
        var listed = new List<string>();
        foreach (var item in result.Output)
        {
            var rid = (string)item.Properties["Rid"].Value;
            var downloaded = (FileInfo[])item.Properties["Downloaded"].Value;
            Assert.Equal(new[] { $"{rid}-walk.bvh", $"{rid}-walk.fbx", $"{rid}-walk.glb" }, downloaded.Select(f => f.Name).OrderBy(n => n));
            listed.AddRange(downloaded.Select(f => f.Name));

            Assert.StartsWith("HIERARCHY", File.ReadAllText(downloaded.Single(f => f.Extension == ".bvh").FullName).TrimStart());
            Assert.Equal("Kaydara FBX Binary", Magic(downloaded.Single(f => f.Extension == ".fbx").FullName, 18));
            Assert.Equal("glTF", Magic(downloaded.Single(f => f.Extension == ".glb").FullName, 4));

            // Each output points at the file extracted from its archive.
            foreach (var file in ((Array)item.Properties["Files"].Value).Cast<object>().Select(o => new System.Management.Automation.PSObject(o)))
            {
                var format = (string)file.Properties["Format"].Value;
                Assert.Equal(Path.Combine(Work, "anim", $"{rid}-walk.{format}"), file.Properties["Path"].Value);
                Assert.Equal($"{rid}-walk.{format}", ((FileInfo)Assert.Single((Array)file.Properties["Extracted"].Value)).Name);
            }
        }
        Assert.Equal(onDisk, listed.OrderBy(n => n).ToList());
    }

    [Fact]
    public void KeepArchive_keeps_the_zips_beside_the_extracted_files()
    {
        Connect();
        var result = Shell.Run("""
            $result = Send-Video -LiteralPath $assets/jump.mp4 | Start-AnimationJob -Format bvh, mp4 -Destination $work/kept -KeepArchive | Wait-Job | Receive-Job
            $result.Rid
            $result.Downloaded.Name
            '--'
            $result | Save-Animation -Destination $work/saved -Format bvh -KeepArchive | ForEach-Object Name
            '--'
            $result | Save-Animation -Destination $work/plain | ForEach-Object Name
            """).ThrowOnError();
        var lines = result.Output.Select(o => o.ToString()).ToList();
        var rid = lines[0];
        var sections = string.Join("\n", lines.Skip(1)).Split("--\n").Select(s => s.Trim().Split('\n').OrderBy(n => n).ToArray()).ToList();

        Assert.Equal(new[] { $"{rid}-jump.bvh", $"{rid}-jump.bvh.zip", $"{rid}-jump.mp4" }, sections[0]);
        Assert.Equal(sections[0], Directory.GetFiles(Path.Combine(Work, "kept")).Select(Path.GetFileName).OrderBy(n => n));
        Assert.Equal(new[] { $"{rid}-jump.bvh", $"{rid}-jump.bvh.zip" }, sections[1]);
        Assert.Equal(sections[1], Directory.GetFiles(Path.Combine(Work, "saved")).Select(Path.GetFileName).OrderBy(n => n));
        Assert.Equal(new[] { $"{rid}-jump.bvh", $"{rid}-jump.mp4" }, sections[2]);
        Assert.Equal(sections[2], Directory.GetFiles(Path.Combine(Work, "plain")).Select(Path.GetFileName).OrderBy(n => n));

        using var archive = ZipFile.OpenRead(Path.Combine(Work, "kept", $"{rid}-jump.bvh.zip"));
        Assert.Equal("jump.bvh", Assert.Single(archive.Entries).FullName);
    }

    /// <summary>Calls the module's extractor as Save-Animation does; returns the error id and category, or "none".</summary>
    List<string> Extract(string zip, string destination)
    {
        Shell.SetVariable("zip", zip);
        Shell.SetVariable("dest", destination);
        return Shell.Run("""
            try {
                $null = [AnimationTools.Core.Transfer.ZipExtractor]::ExtractAsync('DeepMotion', $zip, $dest, $null, [System.Threading.CancellationToken]::None).GetAwaiter().GetResult()
                'none'
            }
            catch {
                $e = $_.Exception
                while ($null -ne $e -and $null -eq $e.PSObject.Properties['ErrorId']) { $e = $e.InnerException }
                $e.ErrorId
                $e.Category.ToString()
            }
            """).ThrowOnError().Output.Select(o => o.ToString()).ToList();
    }

    string Zip(string name, params (string Entry, string Text)[] entries)
    {
        var path = Path.Combine(Work, name);
        using var archive = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (entry, text) in entries)
        {
            using var writer = new StreamWriter(archive.CreateEntry(entry, CompressionLevel.Optimal).Open());
            writer.Write(text);
        }
        return path;
    }

    [Theory]
    [InlineData("../evil.bvh")]
    [InlineData("sub/../../evil.bvh")]
    [InlineData("sub/../evil.bvh")]
    [InlineData("..\\evil.bvh")]
    [InlineData("/tmp/evil.bvh")]
    [InlineData("\\evil.bvh")]
    [InlineData("C:/evil.bvh")]
    [InlineData("C:evil.bvh")]
    public void An_entry_that_could_leave_the_folder_is_refused_and_nothing_is_extracted(string entry)
    {
        var zip = Zip("slip.zip", ("good.bvh", "HIERARCHY"), (entry, "pwned"));
        var destination = Path.Combine(Work, "inner", "out");
        Directory.CreateDirectory(destination);

        Assert.Equal(new[] { "DeepMotion.UnsafeArchive", "SecurityError" }, Extract(zip, destination));
        Assert.Empty(Directory.GetFiles(Path.Combine(Work, "inner"), "*", SearchOption.AllDirectories));
        Assert.False(File.Exists("/tmp/evil.bvh"));
        Assert.True(File.Exists(zip), "the archive is kept");
    }

    [Fact]
    public void A_broken_entry_never_leaves_a_file_under_its_final_name()
    {
        var zip = Zip("broken.zip", ("first.bvh", "HIERARCHY first"), ("second.bvh", string.Concat(Enumerable.Repeat("MOTION Frames: 1 ", 500))));
        // Overwrite the start of second.bvh's compressed data: the deflate stream becomes unreadable mid-archive.
        var bytes = File.ReadAllBytes(zip);
        var nameAt = bytes.AsSpan().IndexOf("second.bvh"u8);
        var header = nameAt - 30;
        var dataAt = nameAt + BitConverter.ToUInt16(bytes, header + 26) + BitConverter.ToUInt16(bytes, header + 28);
        bytes.AsSpan(dataAt, 16).Fill(0xFF);
        File.WriteAllBytes(zip, bytes);
        var destination = Path.Combine(Work, "out");

        Assert.Equal(new[] { "DeepMotion.InvalidArchive", "InvalidData" }, Extract(zip, destination));
        Assert.Equal(new[] { "first.bvh" }, Directory.GetFiles(destination).Select(Path.GetFileName));
        Assert.Equal("HIERARCHY first", File.ReadAllText(Path.Combine(destination, "first.bvh")));
    }

    [Fact]
    public void A_file_that_is_no_zip_is_an_invalid_archive()
    {
        var path = Path.Combine(Work, "walk.bvh.zip");
        File.WriteAllText(path, "HIERARCHY\nROOT Hips");
        Assert.Equal(new[] { "DeepMotion.InvalidArchive", "InvalidData" }, Extract(path, Path.Combine(Work, "out")));
        Assert.True(File.Exists(path));
    }

    [Fact]
    public void Entries_in_folders_keep_their_folders()
    {
        var zip = Zip("nested.zip", ("walk.fbx", "Kaydara"), ("textures/skin.png", "png"), ("./textures/eyes.png", "png"));
        var destination = Path.Combine(Work, "out");
        Assert.Equal(new[] { "none" }, Extract(zip, destination));
        Assert.True(File.Exists(Path.Combine(destination, "walk.fbx")));
        Assert.True(File.Exists(Path.Combine(destination, "textures", "skin.png")));
        Assert.True(File.Exists(Path.Combine(destination, "textures", "eyes.png")));
        Assert.Empty(Directory.GetFiles(destination, "*" + ".extracting", SearchOption.AllDirectories));
    }
}
