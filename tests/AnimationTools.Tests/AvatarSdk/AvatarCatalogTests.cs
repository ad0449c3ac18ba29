using System.Collections;
using System.Management.Automation;
using AnimationTools.Tests.Infrastructure;

namespace AnimationTools.Tests.AvatarSdk;

/// <summary>Discovery (parameters, export parameters, static resources), usage, selfies and tab completion.</summary>
public sealed class AvatarCatalogTests : AvatarSdkTestBase
{
    public AvatarCatalogTests(EmulatorFixture emulator) : base(emulator) { }

    [Fact]
    public void Get_AvatarParameter_lists_available_and_default_names()
    {
        Connect();
        var available = Shell.Run("Get-AvatarParameter -Pipeline animated_face -Category haircuts").ThrowOnError();
        Assert.Contains(available.Output, o => (string)o.Properties["Name"].Value == "female_NewSea_J086f" && (string)o.Properties["Group"].Value == "base");
        Assert.Contains(available.Output, o => (string)o.Properties["Group"].Value == "facegen");
        Assert.All(available.Output, o => Assert.Equal("base/legacy", o.Properties["PipelineSubtype"].Value));

        var defaults = Shell.Run("Get-AvatarParameter -Default -AsHashtable").ThrowOnError();
        var table = (Hashtable)defaults.Output.Single().BaseObject;
        Assert.Equal(["legacy_45", "visemes_17"], ((object[])((Hashtable)table["blendshapes"])["base"]).Cast<string>().ToArray());
        Assert.Contains(Requests(), r => r.Path == "/avatarsdk/parameters/default/animated_face/");

        // body_0.3 omits the group level; -AsHashtable output goes straight back into New-Avatar.
        var body = Shell.Run("Get-AvatarParameter body_0.3 male -Category body_shape").ThrowOnError();
        Assert.All(body.Output, o => Assert.Null(o.Properties["Group"].Value));
        Assert.Contains(Requests(), r => r.Path == "/avatarsdk/parameters/available/body_0.3/" && r.Query == "pipeline_subtype=male");

        var roundTrip = Shell.Run("""
            $p = Get-AvatarParameter -Pipeline animated_face -Name *NewSea_J0* -AsHashtable
            New-Avatar -Photo ./me.jpg -Parameter $p | Wait-Job | Receive-Job | ForEach-Object Status
            """).ThrowOnError();
        Assert.Equal("Completed", roundTrip.Output.Single().ToString());
    }

    [Fact]
    public void Get_AvatarExportParameter_reads_both_shapes()
    {
        Connect();
        var head = Shell.Run("Get-AvatarExportParameter head_2.0 -Category haircuts").ThrowOnError();
        Assert.Contains(head.Output, o => (string)o.Properties["Value"].Value == "generated");
        var metaPerson = Shell.Run("Get-AvatarExportParameter -Pipeline metaperson_2.0 -PipelineSubtype male -Category avatar").ThrowOnError();
        Assert.Contains(metaPerson.Output, o => (string)o.Properties["Kind"].Value == "List" && (string)o.Properties["Value"].Value == "AvatarHead");
        Assert.Contains(metaPerson.Output, o => (string)o.Properties["Kind"].Value == "Texture" && (string)o.Properties["Value"].Value == "GltfMetallicRoughness");
        var refused = Shell.Run("Get-AvatarExportParameter animated_face");
        Assert.StartsWith("AvatarSdk.InvalidParameter.Pipeline", Assert.Single(refused.Errors).FullyQualifiedErrorId);
    }

    [Fact]
    public void Get_AvatarStaticResource_flattens_the_tree_and_sends_case_sensitive_comma_filters()
    {
        Connect();
        var result = Shell.Run("Get-AvatarStaticResource -PipelineSubtype male -Lod LOD1, LOD2 -TextureProfile 2K.jpg -Category avatar").ThrowOnError();
        Assert.NotEmpty(result.Output);
        Assert.All(result.Output, o =>
        {
            Assert.Equal("male", o.Properties["PipelineSubtype"].Value);
            Assert.Equal("2K.jpg", o.Properties["TextureProfile"].Value);
            Assert.EndsWith(".jpg", (string)o.Properties["Url"].Value);
        });
        var request = Requests().Single(r => r.Path == "/avatarsdk/static_resources/available/metaperson_2.0/");
        Assert.Equal("pipeline_subtype=male&lod=LOD1%2CLOD2&texture_profile=2K.jpg&category=avatar", request.Query);
    }

    [Fact]
    public void Get_AvatarUsage_reports_the_period_and_a_time_frame()
    {
        Connect();
        Configure(new { prepaidAvatars = 2 });
        Seed(3);
        var usage = Shell.Run("Get-AvatarUsage").ThrowOnError().Output.Single();
        Assert.Equal(3, usage.Properties["Created"].Value);
        Assert.Equal(0, usage.Properties["Prepaid"].Value);
        Assert.Equal(1, usage.Properties["ToPay"].Value);

        var frame = Shell.Run("Get-AvatarUsage -Since ([datetime]::UtcNow.AddDays(-1)) -Until ([datetime]::UtcNow.AddDays(1))").ThrowOnError().Output.Single();
        Assert.Equal(3, frame.Properties["Created"].Value);
        Assert.Null(frame.Properties["Prepaid"].Value);
        Assert.Matches(@"^since=\d{4}-\d\d-\d\dT\d\d%3A\d\d%3A\d\dZ&until=", Requests().Last().Query);
        Assert.StartsWith("AvatarSdk.InvalidParameter.Until", Assert.Single(Shell.Run("Get-AvatarUsage -Since 2025-02-01 -Until 2025-01-01").Errors).FullyQualifiedErrorId);
    }

    [Fact]
    public void A_selfie_page_gets_a_photo_and_New_Avatar_waits_for_it()
    {
        Connect();
        var selfie = Shell.Run("$selfie = New-AvatarSelfie -QrCodePath ./qr.png; $selfie").ThrowOnError().Output.Single();
        var page = (string)selfie.Properties["UploadPageUrl"].Value;
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, File.ReadAllBytes(Path.Combine(Work, "qr.png")).Take(4).ToArray());
        Assert.False((bool)Shell.Run("(Get-AvatarSelfie $selfie.Code).HasPhoto").ThrowOnError().Output.Single().BaseObject);

        // A person opens the page on a phone a moment later and uploads a photo.
        var phone = Task.Run(async () =>
        {
            await Task.Delay(800);
            using var http = new HttpClient();
            (await http.GetAsync(page)).EnsureSuccessStatusCode();
            using var form = new MultipartFormDataContent { { new ByteArrayContent(File.ReadAllBytes(Path.Combine(Work, "me.jpg"))), "photo", "selfie.jpg" } };
            (await http.PostAsync(page, form)).EnsureSuccessStatusCode();
        });
        var result = Shell.Run("$selfie | New-Avatar -Name from-phone | Wait-Job | Receive-Job").ThrowOnError();
        phone.Wait();
        Assert.Equal("from-phone", result.Output.Single().Properties["Name"].Value);

        var post = Assert.Single(AvatarPosts());
        Assert.Equal([(string)selfie.Properties["Code"].Value], post.Form["selfie"]);
        Assert.False(post.Form.ContainsKey("photo"));
        Assert.Contains(Requests(), r => r.Method == "HEAD" && r.Path.EndsWith("/file/") && r.Status == 204);
        var after = Shell.Run("Get-AvatarSelfie $selfie.Code").ThrowOnError().Output.Single();
        Assert.True((bool)after.Properties["HasPhoto"].Value);
        Assert.True((bool)after.Properties["UploadPageVisited"].Value);
    }

    [Fact]
    public void New_Avatar_Selfie_gives_up_after_its_timeout()
    {
        Connect();
        var result = Shell.Run("New-AvatarSelfie | New-Avatar -SelfieTimeoutSeconds 1");
        Assert.StartsWith("AvatarSdk.SelfieTimeout", Assert.Single(result.Errors).FullyQualifiedErrorId);
        Assert.Empty(AvatarPosts());
    }

    static string[] Complete(PowerShellHost shell, string line)
    {
        shell.SetVariable("line", line);
        return shell.Run("(TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches | ForEach-Object CompletionText").ThrowOnError()
            .Output.Select(o => o.ToString()).ToArray();
    }

    [Fact]
    public void Pipelines_subtypes_and_parameter_names_complete()
    {
        Assert.Equal(["metaperson_2.0"], Complete(Shell, "New-Avatar -Pipeline meta"));
        Assert.Equal(["female", "male"], Complete(Shell, "New-Avatar -Pipeline metaperson_2.0 -PipelineSubtype "));
        Assert.Equal(["bust/mobile", "bust/static"], Complete(Shell, "Get-AvatarParameter -Pipeline head_2.0 -PipelineSubtype bu"));

        Connect();
        Assert.Equal(["female_NewSea_J086f", "female_NewSea_J096f", "female_NewSea_J123f"], Complete(Shell, "New-Avatar -Photo ./me.jpg -Haircut female_"));
        Assert.Contains("cowlick2", Complete(Shell, "New-Avatar -Pipeline head_2.0 -Haircut cow"));
        Assert.Equal(["hair_color"], Complete(Shell, "New-Avatar -ModelInfo hair"));
        Assert.Equal(["visemes_17"], Complete(Shell, "New-Avatar -Blendshape vis"));
        // Answers are cached per session and pipeline: completing again asks nothing.
        var asked = Requests().Count(r => r.Path.StartsWith("/avatarsdk/parameters/available/animated_face/"));
        Complete(Shell, "New-Avatar -Haircut male_");
        Assert.Equal(asked, Requests().Count(r => r.Path.StartsWith("/avatarsdk/parameters/available/animated_face/")));
    }
}
