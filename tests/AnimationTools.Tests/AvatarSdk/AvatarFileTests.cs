using System.IO.Compression;
using AnimationTools.Tests.Infrastructure;

namespace AnimationTools.Tests.AvatarSdk;

/// <summary>Per-avatar assets, exports and their static-file cache, model info.</summary>
public sealed class AvatarFileTests : AvatarSdkTestBase
{
    public AvatarFileTests(EmulatorFixture emulator) : base(emulator) { }

    static byte[] Entry(string zip, string suffix)
    {
        using var archive = ZipFile.OpenRead(zip);
        using var stream = new MemoryStream();
        archive.Entries.First(e => e.Name.EndsWith(suffix)).Open().CopyTo(stream);
        return stream.ToArray();
    }

    [Fact]
    public void Save_AvatarAsset_saves_mesh_with_LOD_textures_thumbnail_blendshapes_and_haircuts()
    {
        Connect();
        var result = Shell.Run("""
            $avatar = New-Avatar -Photo ./me.jpg -Parameter @{
                haircuts = @{ base = @('female_NewSea_J086f') }
                blendshapes = @{ base = @('legacy_45', 'visemes_17') }
                additional_textures = @{ base = @('slightly_cartoonish_texture', 'lips_mask') }
            } | Wait-Job | Receive-Job
            $avatar | Save-AvatarAsset -Destination ./assets -Asset Mesh, PointCloud, Texture, Thumbnail, Blendshapes, Haircuts -Lod 5 -BlendshapeFormat fbx -HaircutPart Mesh, PointCloud, Texture, Preview -ThumbnailSize 64
            """).ThrowOnError();
        var files = result.Output.Select(o => (FileInfo)o.BaseObject).ToList();
        Assert.All(files, f => Assert.True(f.Exists && f.Length > 0));

        var mesh = PlyHeader.Read(Entry(files.Single(f => f.Name.Contains("-mesh-lod5")).FullName, ".ply"));
        Assert.Equal("binary_little_endian", mesh.Format);
        Assert.True(mesh.Faces > 0);
        var cloud = PlyHeader.Read(Entry(files.Single(f => f.Name.EndsWith("-pointcloud.zip") && !f.Name.Contains("haircut")).FullName, ".ply"));
        Assert.Equal(0, cloud.Faces);

        Assert.Contains(files, f => f.Name.EndsWith("-texture-model.jpg"));
        Assert.Contains(files, f => f.Name.EndsWith("-texture-slightly_cartoonish_texture.jpg"));
        Assert.Contains(files, f => f.Name.EndsWith("-texture-lips_mask.png"));
        Assert.Contains(files, f => f.Name.EndsWith("-thumbnail.png"));
        Assert.Contains(files, f => f.Name.EndsWith("-haircut-female_NewSea_J086f-texture.png"));
        Assert.Contains(files, f => f.Name.EndsWith("-haircut-female_NewSea_J086f-preview.png"));
        Assert.Contains(files, f => f.Name.EndsWith("-haircut-female_NewSea_J086f-mesh.zip"));
        var fbx = Entry(files.Single(f => f.Name.Contains("-blendshapes-fbx")).FullName, ".fbx");
        Assert.Equal("Kaydara FBX Binary", System.Text.Encoding.ASCII.GetString(fbx, 0, 18));

        // The URL forms of the seed: blendshapes/?fmt=fbx&lod=5, mesh/?lod=5.
        var requests = Requests();
        Assert.Contains(requests, r => r.Path.EndsWith("/blendshapes/") && r.Query == "fmt=fbx&lod=5" && r.Status == 200);
        Assert.Contains(requests, r => r.Path.EndsWith("/mesh/") && r.Query == "lod=5");
        Assert.Contains(requests, r => r.Path.EndsWith("/thumbnail/") && r.Query == "max_w=64&max_h=64");

        // Lower LODs are lighter.
        var lod0 = Shell.Run("Get-Avatar | Save-AvatarAsset -Destination ./lod0 -Asset Mesh -Lod 0").ThrowOnError();
        Assert.True(PlyHeader.Read(Entry(((FileInfo)lod0.Output.Single().BaseObject).FullName, ".ply")).Vertices > mesh.Vertices);
    }

    [Fact]
    public void An_avatar_without_blendshapes_answers_204_and_nothing_is_saved()
    {
        Connect();
        var result = Shell.Run("New-Avatar -Photo ./me.jpg -Parameter @{} | Wait-Job | Receive-Job | Save-AvatarAsset -Destination ./out -Asset Blendshapes").ThrowOnError();
        Assert.Empty(result.Output);
        Assert.Contains(result.Warnings, w => w.Contains("has no blendshapes"));
        Assert.Contains(Requests(), r => r.Path.EndsWith("/blendshapes/") && r.Status == 204);
        Assert.False(Directory.Exists(Path.Combine(Work, "out")) && Directory.GetFiles(Path.Combine(Work, "out")).Length > 0);
    }

    [Fact]
    public void Per_avatar_assets_of_an_export_avatar_are_refused_with_advice()
    {
        Connect();
        var result = Shell.Run("New-Avatar -Photo ./me.jpg -Pipeline head_2.0 -ExportParameter @{ format = 'glb' } | Wait-Job | Receive-Job | Save-AvatarAsset -Destination ./out -Asset Mesh");
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("AvatarSdk.AvatarUsesExports", error.FullyQualifiedErrorId);
        Assert.DoesNotContain(Requests(), r => r.Path.EndsWith("/mesh/"));
    }

    [Fact]
    public void Model_info_has_the_requested_flags_and_NaN_landmarks()
    {
        Connect();
        var result = Shell.Run("""
            $info = New-Avatar -Photo ./me.jpg -ModelInfo hair_color, facial_landmarks_68, gender, race | Wait-Job | Receive-Job | Get-AvatarModelInfo
            $info.Pipeline; $info.PipelineSubtype; $info.HairColor.Red -ge 0; $info.Gender; $info.Races.white -gt 0.9
            $info.FacialLandmarks.Count; [double]::IsNaN($info.FacialLandmarks[0]); [double]::IsNaN($info.FacialLandmarks[26])
            $null -eq $info.Age
            """).ThrowOnError();
        Assert.Equal(["animated_face", "base/legacy", "True"], result.Output.Take(3).Select(o => o.ToString()).ToArray());
        Assert.Contains(result.Output[3].ToString(), new[] { "male", "female" });
        Assert.Equal(true, result.Output[4].BaseObject);
        Assert.Equal(204, result.Output[5].BaseObject);
        Assert.Equal(true, result.Output[6].BaseObject);
        Assert.Equal(false, result.Output[7].BaseObject);
        Assert.Equal(true, result.Output[8].BaseObject);
    }

    [Fact]
    public void Static_files_are_cached_by_category_identity_and_name_so_a_second_avatar_skips_them()
    {
        Connect();
        var first = Shell.Run("""
            New-Avatar -Photo ./me.jpg -Pipeline head_2.0 -PipelineSubtype bust/mobile -ExportParameter @{ format = 'glb'; haircuts = @{ list = @('afro'); embed = $false } } |
                Wait-Job | Receive-Job | Get-AvatarExport | Save-AvatarExport -Destination ./one
            """).ThrowOnError();
        var firstFiles = first.Output.Select(o => ((FileInfo)o.BaseObject).FullName).ToList();
        Assert.Contains(Path.Combine(Work, "one", "haircuts", "afro.zip"), firstFiles);
        Assert.Contains(Path.Combine(Work, "one", "haircuts", "afro", "texture.png"), firstFiles);
        Assert.True(File.Exists(Path.Combine(Work, "cache", "AvatarSdk", new Uri(Emulator.AvatarSdkUrl).Authority.Replace(':', '_'), "haircuts", "afro", "texture.png")));
        Assert.Single(Requests(), r => r.Path.Contains("/static_files/"));

        var second = Shell.Run("""
            New-Avatar -Photo ./me.jpg -Pipeline head_2.0 -PipelineSubtype bust/mobile -ExportParameter @{ format = 'glb'; haircuts = @{ list = @('afro'); embed = $false } } |
                Wait-Job | Receive-Job | Get-AvatarExport | Save-AvatarExport -Destination ./two -Verbose
            """).ThrowOnError();
        Assert.True(File.Exists(Path.Combine(Work, "two", "haircuts", "afro", "texture.png")));
        Assert.Single(Requests(), r => r.Path.Contains("/static_files/"));
        Assert.Contains(second.Verbose, v => v.Contains("1 of which came from the cache") || v.Contains("of which 1 came from the cache"));
    }

    [Fact]
    public void MetaPerson_static_resources_are_cached_by_full_URL()
    {
        Connect();
        const string script = """
            New-Avatar -Photo ./me.jpg -Pipeline metaperson_2.0 -PipelineSubtype female -ExportParameter @{ format = 'gltf'; textures = @{ list = @('Color') }; haircuts = @{ list = @('Haircut1') } } |
                Wait-Job | Receive-Job | Get-AvatarExport | Save-AvatarExport -Destination ./{0}
            """;
        var first = Shell.Run(script.Replace("{0}", "one")).ThrowOnError();
        var fetched = Requests().Count(r => r.Path.StartsWith("/avatarsdk/static_resources/metaperson_2.0/textures/"));
        Assert.True(fetched > 5);
        Assert.Contains(first.Output, o => ((FileInfo)o.BaseObject).Name == "Haircut1_Color_2K.png");
        var gltf = Entry(((FileInfo)first.Output.First(o => ((FileInfo)o.BaseObject).Name == "avatar.zip").BaseObject).FullName, ".gltf");
        Assert.Contains("\"uri\": \"model.bin\"", System.Text.Encoding.UTF8.GetString(gltf));

        Shell.Run(script.Replace("{0}", "two")).ThrowOnError();
        Assert.Equal(fetched, Requests().Count(r => r.Path.StartsWith("/avatarsdk/static_resources/metaperson_2.0/textures/")));
        Assert.Equal(Directory.GetFiles(Path.Combine(Work, "one"), "*.png", SearchOption.AllDirectories).Length,
            Directory.GetFiles(Path.Combine(Work, "two"), "*.png", SearchOption.AllDirectories).Length);
    }

    [Fact]
    public void New_AvatarExport_runs_as_a_job_and_Get_AvatarExport_finds_it_by_code()
    {
        Connect();
        var result = Shell.Run("""
            $avatar = New-Avatar -Photo ./me.jpg -Pipeline head_1.2 | Wait-Job | Receive-Job
            $export = $avatar | New-AvatarExport -ExportParameter @{ format = 'ply'; blendshapes = @{ list = @('mobile_51'); embed = $false } } -ExportComment second | Wait-Job | Receive-Job
            $export.Status; $export.Comment; $export.Files.Count
            (Get-AvatarExport -AvatarCode $avatar.Code -ExportCode $export.Code).Code -eq $export.Code
            $export | Save-AvatarExport -Destination ./ply | ForEach-Object Name
            """).ThrowOnError();
        Assert.Equal("Completed", result.Output[0].ToString());
        Assert.Equal("second", result.Output[1].ToString());
        Assert.Equal(2, result.Output[2].BaseObject);
        Assert.Equal(true, result.Output[3].BaseObject);
        Assert.Equal(["avatar.zip", "mobile_51.zip"], result.Output.Skip(4).Select(o => o.ToString()).ToArray());
        var post = Requests().Single(r => r.Method == "POST" && r.Path.EndsWith("/exports/"));
        Assert.Equal(["second"], post.Form["export_comment"]);
        AssertSameJson("""{"format":"ply","blendshapes":{"list":["mobile_51"],"embed":false}}""", post.Form["export_parameters"].Single());
        var ply = Entry(Path.Combine(Work, "ply", "avatar.zip"), ".ply");
        Assert.True(PlyHeader.Read(ply).Faces > 0);
    }

    [Fact]
    public void A_failed_export_fails_its_job()
    {
        Connect();
        Emulator.Control("avatarsdk/next-export/fail");
        var result = Shell.Run("""
            New-Avatar -Photo ./me.jpg -Pipeline head_2.0 | Wait-Job | Receive-Job |
                New-AvatarExport -ExportParameter @{ format = 'fbx' } | Wait-Job | Receive-Job
            """);
        Assert.StartsWith("AvatarSdk.Export.Failed", Assert.Single(result.Errors).FullyQualifiedErrorId);
    }

    [Fact]
    public void Saving_an_unfinished_export_is_refused()
    {
        Connect();
        Configure(new { exportMs = 60000 });
        var result = Shell.Run("""
            $avatar = New-Avatar -Photo ./me.jpg -Pipeline head_2.0 | Wait-Job | Receive-Job
            $job = $avatar | New-AvatarExport -ExportParameter @{ format = 'glb' }
            Save-AvatarExport -AvatarCode $avatar.Code -ExportCode $job.Code -Destination ./x
            """);
        Assert.StartsWith("AvatarSdk.ExportNotReady", Assert.Single(result.Errors).FullyQualifiedErrorId);
    }
}
