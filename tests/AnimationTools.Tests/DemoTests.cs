using AnimationTools.Tests.Infrastructure;

namespace AnimationTools.Tests;

/// <summary>The README's demo command, run in the hosted engine.</summary>
public sealed class DemoTests
{
    [Fact]
    public void Build_ps1_Demo_animates_the_sample_videos()
    {
        using var shell = new PowerShellHost(importModule: false);
        var output = Path.Combine(RepoPaths.Root, "out", "demo");
        if (Directory.Exists(output)) Directory.Delete(output, recursive: true);

        var result = shell.Run("& ./build.ps1 Demo -Port 0").ThrowOnError();

        var results = result.Output.Where(o => o.BaseObject.GetType().Name == "AnimationResult").ToList();
        Assert.Equal(2, results.Count);
        var files = Directory.GetFiles(output);
        Assert.Equal(4, files.Length);
        Assert.All(files, f => Assert.True(new FileInfo(f).Length > 0));
        // Real .bvh and .fbx files, extracted from the service's zip archives.
        Assert.Equal(2, files.Count(f => f.EndsWith(".bvh")));
        Assert.Equal(2, files.Count(f => f.EndsWith(".fbx")));
    }
}
