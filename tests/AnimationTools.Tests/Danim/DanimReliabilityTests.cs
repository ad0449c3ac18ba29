using AnimationTools.Emulator.Infrastructure;
using AnimationTools.Tests.Infrastructure;

namespace AnimationTools.Tests.Danim;

/// <summary>Create and download under faults: a paid create is never sent twice blindly; a cut download resumes.</summary>
public sealed class DanimReliabilityTests(EmulatorFixture emulator) : DanimModuleTestBase(emulator)
{
    [Fact]
    public void A_503_to_create_is_looked_up_before_it_is_sent_again_and_one_video_is_made()
    {
        Connect();
        Emulator.AddFault(new FaultDefinition { Service = "danim", Method = "POST", Path = "^/danim/write/video/create$", Kind = FaultKind.Status, Status = 503 });
        var result = Shell.Run("New-DanimVideo -TemplateId $review -TemplateData @{ score = 4 } -Name 'After 503' | Wait-Job -Timeout 30 | Receive-Job");
        Assert.Empty(result.Errors);
        Assert.Equal("DONE", result.Output.Single().Properties["State"].Value);
        Assert.Single(State.ListVideos());
        Assert.Equal(2, Requests().Count(r => r.Path == "/danim/write/video/create"));
        Assert.Contains(result.Warnings, w => w.Contains("looking it up"));
    }

    [Fact]
    public void A_download_cut_short_resumes_and_the_file_is_whole()
    {
        Connect();
        var id = Shell.Run("(New-DanimVideo -TemplateId $review -TemplateData @{ score = 4 } | Wait-Job -Timeout 30 | Receive-Job).Id").ThrowOnError().Output.Single().ToString();
        Emulator.AddFault(new FaultDefinition { Service = "danim", Method = "GET", Path = "/raw\\.mp4$", Kind = FaultKind.CutBody, AfterBytes = 500 });
        var saved = (FileInfo)Shell.Run($"Save-DanimVideo -Id {id} -Destination ./whole.mp4").ThrowOnError().Output.Single().BaseObject;
        var expected = File.ReadAllBytes(Path.Combine(RepoPaths.Root, "src", "AnimationTools.Emulator", "Danim", "Samples", "video.mp4"));
        Assert.Equal(expected, File.ReadAllBytes(saved.FullName));
        var downloads = Requests().Where(r => r.Path.EndsWith("/raw.mp4", StringComparison.Ordinal)).ToList();
        Assert.True(downloads.Count >= 2);
        Assert.Contains(downloads, r => r.Headers.TryGetValue("Range", out var range) && range.StartsWith("bytes=500-", StringComparison.Ordinal));
    }
}
