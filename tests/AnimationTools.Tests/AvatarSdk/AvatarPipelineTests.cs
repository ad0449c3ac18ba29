using System.IO.Compression;
using AnimationTools.Tests.Infrastructure;

namespace AnimationTools.Tests.AvatarSdk;

/// <summary>The issue's pipelines, as written, end to end against the emulator.</summary>
public sealed class AvatarPipelineTests : AvatarSdkTestBase
{
    public AvatarPipelineTests(EmulatorFixture emulator) : base(emulator) { }

    [Fact]
    public void Photo_to_saved_avatar_in_one_pipeline_as_the_issue_writes_it()
    {
        Connect();
        var result = Shell.Run("""
            New-Avatar -Photo ./me.jpg -Pipeline metaperson_2.0 -PipelineSubtype male -ExportParameter @{ format = 'glb' } |
                Wait-Job | Receive-Job | Get-AvatarExport | Save-AvatarExport -Destination ./avatar
            """).ThrowOnError();

        var files = result.Output.Select(o => (FileInfo)o.BaseObject).ToList();
        Assert.All(files, f => Assert.True(f.Exists && f.Length > 0));
        Assert.DoesNotContain(Directory.GetFiles(Path.Combine(Work, "avatar"), "*", SearchOption.AllDirectories), f => f.EndsWith(".partial"));

        // The avatar file is a zip whose GLB a glTF reader loads: nine body parts, every reference and bound valid.
        var zip = files.Single(f => f.Name == "avatar.zip");
        using (var archive = ZipFile.OpenRead(zip.FullName))
        {
            var entry = archive.Entries.Single(e => e.Name.EndsWith(".glb"));
            using var stream = new MemoryStream();
            entry.Open().CopyTo(stream);
            var glb = GlbReader.Load(stream.ToArray());
            Assert.Contains("AvatarHead", glb.MeshNames);
            Assert.Contains("AvatarBody", glb.MeshNames);
            Assert.Equal(9, glb.MeshNames.Count);
            Assert.True(glb.TotalVertices > 100);
        }

        // Static files (shared textures, not in the zip) sit beside it: real PNGs.
        var statics = files.Where(f => f.Extension == ".png").ToList();
        Assert.NotEmpty(statics);
        Assert.All(statics, f => Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, File.ReadAllBytes(f.FullName).Take(4).ToArray()));

        // What was sent: the seed's multipart fields, the export parameters as JSON text, the photo as a file part.
        var post = Assert.Single(AvatarPosts());
        Assert.StartsWith("multipart/form-data", post.Headers["Content-Type"]);
        Assert.Equal(["metaperson_2.0"], post.Form["pipeline"]);
        Assert.Equal(["male"], post.Form["pipeline_subtype"]);
        Assert.Equal(["me"], post.Form["name"]);
        AssertSameJson("""{"format":"glb"}""", post.Form["export_parameters"].Single());
        Assert.StartsWith("@me.jpg (", post.Form["photo"].Single());
        Assert.Contains("image/jpeg", post.Form["photo"].Single());
        Assert.False(post.Form.ContainsKey("parameters"), "no -Parameter: the field is omitted so the pipeline defaults apply");
        Assert.StartsWith("Bearer ", post.Headers["Authorization"]);
    }

    [Fact]
    public void Get_Avatar_follows_the_Link_header_lazily()
    {
        Connect();
        Seed(320);
        Seed(30, new { status = "Failed" });

        var result = Shell.Run("Get-Avatar -Status Completed -First 250").ThrowOnError();
        Assert.Equal(250, result.Output.Count);
        Assert.All(result.Output, o => Assert.Equal("Completed", o.Properties["Status"].Value));
        var lists = Requests().Where(r => r.Method == "GET" && r.Path == "/avatarsdk/avatars/").ToList();
        // Page 1 by the filter, pages 2 and 3 by their rel="next" links (filters kept); page 4 is never asked for.
        Assert.Equal(["status=completed", "page=2&status=completed", "page=3&status=completed"], lists.Select(r => r.Query).ToArray());
        Assert.Contains("rel=\"next\"", lists[0].ResponseHeaders["Link"]);

        Emulator.Server.State.Requests.Clear();
        var few = Shell.Run("Get-Avatar -First 5").ThrowOnError();
        Assert.Equal(5, few.Output.Count);
        Assert.Single(Requests(), r => r.Path == "/avatarsdk/avatars/");
    }

    [Fact]
    public void Skip_and_filters_are_applied_across_pages()
    {
        Connect();
        Seed(150, new { description = "From Facebook" });
        Seed(20, new { description = "studio" });

        var skipped = Shell.Run("Get-Avatar -Description fb -Skip 120 -First 100").ThrowOnError();
        Assert.Empty(skipped.Output);
        var facebook = Shell.Run("Get-Avatar -Description FACEBOOK -Skip 120 -IncludeTotalCount").ThrowOnError();
        Assert.Equal(31, facebook.Output.Count);
        Assert.Equal(150UL, facebook.Output.Last().BaseObject);
    }
}
