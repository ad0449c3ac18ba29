using System.Management.Automation;
using AnimationTools.Tests.Infrastructure;

namespace AnimationTools.Tests.AvatarSdk;

/// <summary>
/// What the module sends is what the seed's own examples send (multipart fields, parameter JSON shapes, URL forms),
/// and bad input fails before any request.
/// </summary>
public sealed class AvatarRequestShapeTests : AvatarSdkTestBase
{
    public AvatarRequestShapeTests(EmulatorFixture emulator) : base(emulator) { }

    // The seed's curl -F examples, one per parameter category, and the New-Avatar line that sends the same.
    [Theory]
    [InlineData("animated_face", "base/legacy", "haircuts test", "@{ haircuts = @{ base = @('female_NewSea_J086f', 'male_NewSea_J003m') } }",
        """{"haircuts": {"base": ["female_NewSea_J086f", "male_NewSea_J003m"]}}""")]
    [InlineData("animated_face", "base/legacy", "blendshapes test", "@{ blendshapes = @{ base = @('legacy_45', 'visemes_17') } }",
        """{"blendshapes": {"base": ["legacy_45", "visemes_17"]}}""")]
    [InlineData("animated_face", "base/legacy", "info test", "@{ model_info = @{ base = @('hair_color') } }",
        """{"model_info": {"base": ["hair_color"]}}""")]
    [InlineData("animated_face", "base/legacy", "modifications test", "@{ avatar_modifications = @{ plus = @{ lips_color = @{ red = 222; green = 173; blue = 190 } } } }",
        """{"avatar_modifications": {"plus": {"lips_color": {"red": 222, "green": 173, "blue": 190}}}}""")]
    [InlineData("animated_face", "indie/legacy_styled", "modifications test", "@{ shape_modifications = @{ indie = @{ 'cartoonish_v0.3' = 0.5 } } }",
        """{"shape_modifications": {"indie": {"cartoonish_v0.3": 0.5}}}""")]
    [InlineData("body_0.3", "mobile", "modifications test", "@{ body_shape = @{ plus = @{ gender = 'male'; height = 180; weight = 85 } } }",
        """{"body_shape": {"plus": {"gender": "male", "height": 180, "weight": 85}}}""")]
    [InlineData("animated_face", "base/legacy", "textures test", "@{ additional_textures = @{ base = @('slightly_cartoonish_texture') } }",
        """{"additional_textures": {"base": ["slightly_cartoonish_texture"]}}""")]
    public void New_Avatar_sends_the_seed_examples_fields(string pipeline, string subtype, string name, string parameter, string seedJson)
    {
        Connect();
        var result = Shell.Run($"New-Avatar -Photo ./me.jpg -Pipeline {pipeline} -PipelineSubtype '{subtype}' -Name '{name}' -Parameter {parameter} | Wait-Job | Receive-Job").ThrowOnError();
        Assert.Equal("Completed", result.Output.Single().Properties["Status"].Value);

        var post = Assert.Single(AvatarPosts());
        Assert.Equal(new[] { "name", "parameters", "photo", "pipeline", "pipeline_subtype" }, post.Form.Keys.OrderBy(k => k, StringComparer.Ordinal).ToArray());
        Assert.Equal([pipeline], post.Form["pipeline"]);
        Assert.Equal([subtype], post.Form["pipeline_subtype"]);
        Assert.Equal([name], post.Form["name"]);
        AssertSameJson(seedJson, post.Form["parameters"].Single());
        Assert.StartsWith("@me.jpg (", post.Form["photo"].Single());
    }

    [Fact]
    public void Named_parameters_are_put_in_the_group_the_service_lists_them_under()
    {
        Connect();
        Shell.Run("New-Avatar -Photo ./me.jpg -Haircut female_NewSea_J086f, facegen_afro -Blendshape legacy_45 -ModelInfo hair_color | Wait-Job | Receive-Job").ThrowOnError();
        AssertSameJson("""{"haircuts": {"base": ["female_NewSea_J086f"], "facegen": ["facegen_afro"]}, "blendshapes": {"base": ["legacy_45"]}, "model_info": {"base": ["hair_color"]}}""",
            AvatarPosts().Single().Form["parameters"].Single());
        Assert.Contains(Requests(), r => r.Path == "/avatarsdk/parameters/available/animated_face/" && r.Query == "pipeline_subtype=base%2Flegacy");
    }

    [Fact]
    public void Empty_parameters_are_sent_as_an_empty_object_and_omitted_ones_are_not_sent()
    {
        Connect();
        Shell.Run("New-Avatar -Photo ./me.jpg -Parameter @{}; New-Avatar -Photo ./me.jpg").ThrowOnError();
        var posts = AvatarPosts();
        Assert.Equal(["{}"], posts[0].Form["parameters"]);
        Assert.False(posts[1].Form.ContainsKey("parameters"));
    }

    [Theory]
    [InlineData("-Pipeline head_3.0", "AvatarSdk.InvalidParameter.Pipeline")]
    [InlineData("-Pipeline metaperson_2.0 -PipelineSubtype base/legacy", "AvatarSdk.InvalidParameter.PipelineSubtype")]
    [InlineData("-PipelineSubtype male", "AvatarSdk.InvalidParameter.PipelineSubtype")]
    [InlineData("-Parameter @{ avatar_modifications = @{ plus = @{ lips_color = @{ red = 300; green = 0; blue = 0 } } } }", "AvatarSdk.InvalidParameter.Parameter")]
    [InlineData("-Parameter @{ avatar_modifications = @{ plus = @{ texture_size = @{ width = -1; height = 256 } } } }", "AvatarSdk.InvalidParameter.Parameter")]
    [InlineData("-Parameter @{ avatar_modifications = @{ plus = @{ caricature_amount = -1 } } }", "AvatarSdk.InvalidParameter.Parameter")]
    [InlineData("-Parameter @{ avatar_modifications = @{ plus = @{ remove_smile = 'yes' } } }", "AvatarSdk.InvalidParameter.Parameter")]
    [InlineData("-Pipeline body_0.3 -PipelineSubtype male -Parameter @{ body_shape = @{ gender = 'other' } }", "AvatarSdk.InvalidParameter.Parameter")]
    [InlineData("-Pipeline body_0.3 -Parameter @{ body_shape = @{ height = -180 } }", "AvatarSdk.InvalidParameter.Parameter")]
    [InlineData("-Parameter @{ body_shape = @{ height = 180 } }", "AvatarSdk.InvalidParameter.Parameter")]
    [InlineData("-Parameter @{ hairstyles = @{ base = @('x') } }", "AvatarSdk.InvalidParameter.Parameter")]
    [InlineData("-ExportParameter @{ format = 'glb' }", "AvatarSdk.InvalidParameter.ExportParameter")]
    [InlineData("-Pipeline metaperson_2.0 -ExportParameter @{ lod = 3 }", "AvatarSdk.InvalidParameter.ExportParameter")]
    [InlineData("-Pipeline head_2.0 -ExportParameter @{ lod = 'LOD1' }", "AvatarSdk.InvalidParameter.ExportParameter")]
    [InlineData("-Pipeline head_2.0 -ExportParameter @{ haircuts = @{ color = @{ red = 1; green = 2 } } }", "AvatarSdk.InvalidParameter.ExportParameter")]
    [InlineData("-Pipeline metaperson_2.0 -ExportParameter @{ embed = 'yes' }", "AvatarSdk.InvalidParameter.ExportParameter")]
    public void Bad_parameters_fail_before_any_request(string parameters, string errorId)
    {
        Connect();
        var before = Requests().Count;
        var result = Shell.Run($"New-Avatar -Photo ./me.jpg {parameters}");
        var error = Assert.Single(result.Errors);
        Assert.StartsWith(errorId + ",", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Empty(result.Output);
        Assert.Equal(before, Requests().Count);
    }

    [Fact]
    public void A_file_that_is_not_a_photo_fails_before_any_request()
    {
        Connect();
        File.WriteAllText(Path.Combine(Work, "notes.jpg"), "not an image");
        var result = Shell.Run("New-Avatar -Photo ./notes.jpg; New-Avatar -Photo ./missing.jpg");
        Assert.Equal(2, result.Errors.Count);
        Assert.StartsWith("AvatarSdk.InvalidParameter.Photo", result.Errors[0].FullyQualifiedErrorId);
        Assert.StartsWith("AvatarSdk.FileNotFound", result.Errors[1].FullyQualifiedErrorId);
        Assert.Empty(AvatarPosts());
    }

    [Fact]
    public void Body_shape_values_outside_the_reliable_interval_warn_but_are_sent()
    {
        Connect();
        var result = Shell.Run("New-Avatar -Photo ./me.jpg -Pipeline body_0.3 -PipelineSubtype mobile -Parameter @{ body_shape = @{ plus = @{ gender = 'female'; height = 190 } } }").ThrowOnError();
        Assert.Contains(result.Warnings, w => w.Contains("height") && w.Contains("150"));
        Assert.Single(AvatarPosts());
    }

    [Fact]
    public void A_name_unknown_to_the_service_fails_before_the_paid_request()
    {
        Connect();
        var result = Shell.Run("New-Avatar -Photo ./me.jpg -Haircut no_such_haircut");
        Assert.StartsWith("AvatarSdk.InvalidParameter.Haircut", Assert.Single(result.Errors).FullyQualifiedErrorId);
        Assert.Empty(AvatarPosts());
    }

    [Fact]
    public void WhatIf_sends_nothing_and_Remove_Avatar_asks_first()
    {
        Connect();
        var code = Seed(1).Single();
        var before = Requests().Count;
        Shell.Run($"New-Avatar -Photo ./me.jpg -WhatIf; Remove-Avatar -Code {code} -WhatIf").ThrowOnError();
        Assert.Equal(before, Requests().Count);

        var impact = Shell.Run("(Get-Command Remove-Avatar).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false).ConfirmImpact").ThrowOnError();
        Assert.Equal("High", impact.Output.Single().ToString());

        Shell.Run($"Get-Avatar -Code {code} | Remove-Avatar -Confirm:$false").ThrowOnError();
        Assert.Contains(Requests(), r => r.Method == "DELETE" && r.Path == $"/avatarsdk/avatars/{code}/" && r.Status == 204);
        Assert.StartsWith("AvatarSdk.Http.404", Assert.Single(Shell.Run($"Get-Avatar -Code {code}").Errors).FullyQualifiedErrorId);
    }

    [Fact]
    public void Set_Avatar_patches_name_and_description()
    {
        Connect();
        var code = Seed(1).Single();
        var result = Shell.Run($"'{code}' | Set-Avatar -Name renamed -Description 'from fb' -PassThru").ThrowOnError();
        Assert.Equal("renamed", result.Output.Single().Properties["Name"].Value);
        var patch = Requests().Single(r => r.Method == "PATCH");
        Assert.Equal($"/avatarsdk/avatars/{code}/", patch.Path);
        Assert.Equal(["renamed"], patch.Form["name"]);
        Assert.Equal(["from fb"], patch.Form["description"]);
        Assert.Single(Shell.Run("Get-Avatar -Description FB").ThrowOnError().Output);
    }
}
