using System.Management.Automation;
using System.Security.Cryptography;
using AnimationTools.Tests.Infrastructure;

namespace AnimationTools.Tests;

/// <summary>The one-line pipeline, end to end against the emulator.</summary>
public sealed class PipelineTests : DeepMotionTestBase
{
    public PipelineTests(EmulatorFixture emulator) : base(emulator) { }

    [Fact]
    public void Upload_animate_wait_and_receive_saves_real_files()
    {
        Connect();
        var result = Shell.Run("""
            $files = [System.IO.DirectoryInfo]::new($assets).GetFiles('*.mp4')
            $files | Send-Video | Start-AnimationJob -Format bvh,fbx -Destination $work/out | Wait-Job | Receive-Job
            """).ThrowOnError();

        Assert.Equal(2, result.Output.Count);
        foreach (var item in result.Output)
        {
            Assert.Equal("AnimationTools.DeepMotion.AnimationResult", item.BaseObject.GetType().FullName);
            var rid = (string)item.Properties["Rid"].Value;
            var name = Path.GetFileNameWithoutExtension((string)item.Properties["Name"].Value);
            var downloaded = ((FileInfo[])item.Properties["Downloaded"].Value);
            // The zip archives DeepMotion delivers are extracted: the files are named <rid>-<name>.<format>.
            Assert.Equal(new[] { $"{rid}-{name}.bvh", $"{rid}-{name}.fbx" }, downloaded.Select(f => f.Name).OrderBy(n => n));
            Assert.All(downloaded, f => Assert.True(f.Exists && f.Length > 0));

            var text = File.ReadAllText(downloaded.Single(f => f.Extension == ".bvh").FullName);
            Assert.StartsWith("HIERARCHY", text.TrimStart());
            Assert.Contains("MOTION", text);
            Assert.Contains("Frames:", text);

            var magic = File.ReadAllBytes(downloaded.Single(f => f.Extension == ".fbx").FullName).Take(18).ToArray();
            Assert.Equal("Kaydara FBX Binary", System.Text.Encoding.ASCII.GetString(magic));
        }
        // Nothing else is left on disk: no archive, no partial download, no half-extracted file.
        Assert.Equal(4, Directory.GetFiles(Path.Combine(Work, "out")).Length);
        Assert.All(Directory.GetFiles(Path.Combine(Work, "out")), f => Assert.True(f.EndsWith(".bvh") || f.EndsWith(".fbx"), f));

        // The bytes the emulator stored are the bytes of the local files.
        var uploads = Emulator.ControlGet("deepmotion/uploads");
        foreach (var name in new[] { "walk.mp4", "jump.mp4" })
        {
            var expected = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Asset(name))));
            Assert.Contains(uploads.EnumerateArray(), u => u.GetProperty("name").GetString() == name && u.GetProperty("sha256").GetString() == expected);
        }

        // One POST /process per video, and the jobs were followed with batched status requests.
        var requests = Emulator.Requests();
        Assert.Equal(2, requests.Count(r => r.Method == "POST" && r.Path.EndsWith("/process")));
        Assert.Contains(requests, r => r.Path.StartsWith("/deepmotion/status/") && r.Path.Contains(','));
    }

    [Fact]
    public void Jobs_are_real_powershell_jobs()
    {
        Connect();
        var result = Shell.Run("""
            $job = Send-Video -LiteralPath $assets/walk.mp4 | Start-AnimationJob -Format bvh
            $listed = Get-Job -Id $job.Id
            $null = $job | Wait-Job
            [pscustomobject]@{ Same = [object]::ReferenceEquals($listed, $job); State = $job.JobStateInfo.State; Type = $job.PSJobTypeName; More = $job.HasMoreData }
            """).ThrowOnError();
        var row = result.Output.Single();
        Assert.True((bool)row.Properties["Same"].Value);
        Assert.Equal("Completed", row.Properties["State"].Value.ToString());
        Assert.Equal("AnimationToolsJob", row.Properties["Type"].Value);
        Assert.True((bool)row.Properties["More"].Value);
    }

    [Fact]
    public void Get_AnimationJob_by_status_and_id_returns_waitable_jobs()
    {
        Connect();
        Emulator.Control("deepmotion/config", new { jobDurationMs = 3000 });
        var started = Shell.Run("Send-Video -LiteralPath $assets/walk.mp4 | Start-AnimationJob -Format bvh").ThrowOnError();
        var rid = (string)started.Output.Single().Properties["Rid"].Value;

        // A second runspace stands for another process: it rehydrates the job from its id.
        using var other = new PowerShellHost();
        other.SetVariable("cred", new PSCredential("demo", ToSecure("demo-secret")));
        other.SetVariable("endpoint", Emulator.DeepMotionUrl);
        var running = other.Run("Get-AnimationJob -Status PROGRESS, STARTING").ThrowOnError();
        Assert.Contains(running.Output, j => (string)j.Properties["Rid"].Value == rid);

        var received = other.Run($"Get-AnimationJob -Id '{rid}' | Wait-Job -Timeout 30 | Receive-Job").ThrowOnError();
        var output = received.Output.Single();
        Assert.Equal(rid, output.Properties["Rid"].Value);
        Assert.NotEmpty((Array)output.Properties["Files"].Value);

        var statusPolls = Emulator.Requests().Where(r => r.Path.StartsWith("/deepmotion/status/")).ToList();
        Assert.Contains(statusPolls, r => r.Path.EndsWith(rid));
    }

    [Fact]
    public void Save_Animation_downloads_the_chosen_formats_from_a_result()
    {
        Connect();
        var result = Shell.Run("""
            $result = Send-Video -LiteralPath $assets/jump.mp4 | Start-AnimationJob -Format bvh,fbx,mp4 | Wait-Job | Receive-Job
            $result | Save-Animation -Destination $work/saved -Format mp4, bvh
            """).ThrowOnError();
        var names = result.Output.Select(o => ((FileInfo)o.BaseObject).Name).OrderBy(n => n).ToList();
        Assert.Equal(2, names.Count);
        Assert.Contains(names, n => n.EndsWith("-jump.bvh"));
        Assert.Contains(names, n => n.EndsWith(".mp4"));
        Assert.All(result.Output, o => Assert.True(((FileInfo)o.BaseObject).Length > 0));
    }

    [Fact]
    public void Video_info_and_credits_come_from_the_service()
    {
        Connect();
        var result = Shell.Run("""
            Send-Video -LiteralPath $assets/walk.mp4 | Get-VideoInfo
            (Get-DeepMotionCredit).Credits
            """).ThrowOnError();
        var info = result.Output[0];
        Assert.True((int)info.Properties["Width"].Value > 0);
        Assert.True((int)info.Properties["Height"].Value > 0);
        Assert.Equal("h264", info.Properties["Codec"].Value);
        Assert.True((double)result.Output[1].BaseObject > 0);
    }

    [Fact]
    public void A_failed_job_fails_with_the_mapped_error()
    {
        Connect();
        Emulator.Control("deepmotion/next-job", new { failWith = 513 });
        var result = Shell.Run("""
            $job = Send-Video -LiteralPath $assets/walk.mp4 | Start-AnimationJob -Format bvh
            $null = $job | Wait-Job
            $job.JobStateInfo.State
            $job | Receive-Job
            """);
        Assert.Equal("Failed", result.Output[0].ToString());
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("DeepMotion.Job.513", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
        Assert.Contains("Failed to detect character", error.Exception.Message);
    }
}
