using AnimationTools.Tests.Infrastructure;

namespace AnimationTools.Tests;

/// <summary>Static poses from images, reruns with new parameters, and job details from the list API.</summary>
public sealed class JobDetailsTests : DeepMotionTestBase
{
    public JobDetailsTests(EmulatorFixture emulator) : base(emulator) { }

    [Fact]
    public void An_image_gives_a_static_pose_rendered_as_png()
    {
        Connect();
        var result = Shell.Run("""
            Send-Video -LiteralPath $assets/pose.png | Start-AnimationJob -Format png, bvh -Destination $work/pose | Wait-Job | Receive-Job
            """).ThrowOnError();
        var files = (FileInfo[])result.Output.Single().Properties["Downloaded"].Value;
        var png = files.Single(f => f.Name.EndsWith(".png"));
        var magic = File.ReadAllBytes(png.FullName).Take(8).ToArray();
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, magic);
        var bvh = files.Single(f => f.Name.EndsWith(".bvh"));
        Assert.StartsWith("HIERARCHY", File.ReadAllText(bvh.FullName).TrimStart());
        Assert.DoesNotContain(Directory.GetFiles(Path.Combine(Work, "pose")), f => f.EndsWith(".zip"));
    }

    [Fact]
    public void A_finished_job_is_rerun_from_the_pipeline_with_new_parameters()
    {
        Connect();
        var result = Shell.Run("""
            $first = Send-Video -LiteralPath $assets/walk.mp4 | Start-AnimationJob -Format bvh
            $null = $first | Wait-Job
            $second = $first | Start-AnimationJob -Format fbx -FootLockingMode grounding
            $null = $second | Wait-Job
            $first.Rid; $second.Rid; $second.JobStateInfo.State
            """).ThrowOnError();
        var (first, second) = (result.Output[0].ToString(), result.Output[1].ToString());
        Assert.NotEqual(first, second);
        Assert.Equal("Completed", result.Output[2].ToString());
        var jobs = Emulator.ControlGet("deepmotion/jobs").EnumerateArray().ToList();
        var rerun = jobs.Single(j => j.GetProperty("rid").GetString() == second);
        var parameters = rerun.GetProperty("params").EnumerateArray().Select(p => p.GetString()).ToList();
        Assert.Contains("formats=fbx", parameters);
        Assert.Contains("footLockingMode=grounding", parameters);
    }

    [Fact]
    public void Get_AnimationJob_shows_input_details_and_times_as_DateTime()
    {
        Connect();
        var result = Shell.Run("""
            $job = Send-Video -LiteralPath $assets/jump.mp4 | Start-AnimationJob -Format bvh
            $null = $job | Wait-Job
            $found = Get-AnimationJob -Id $job.Rid
            [object]::ReferenceEquals($found, $job) -and [object]::ReferenceEquals(($job | Get-AnimationJob), $job)
            $listed = Get-AnimationJob -Status SUCCESS
            $listed.FileName; $listed.FileSize; $listed.FileDuration; $listed.Created.GetType().Name; $listed.Modified -ge $listed.Created
            """).ThrowOnError();
        Assert.Equal(true, result.Output[0].BaseObject);
        Assert.Equal("jump.mp4", result.Output[1].ToString());
        Assert.Equal(new FileInfo(Asset("jump.mp4")).Length, Convert.ToInt64(result.Output[2].BaseObject));
        Assert.True(Convert.ToDouble(result.Output[3].BaseObject) > 0);
        Assert.Equal("DateTime", result.Output[4].ToString());
        Assert.Equal(true, result.Output[5].BaseObject);
    }

    [Fact]
    public void Disconnecting_stops_the_jobs_the_session_follows()
    {
        Connect();
        Emulator.Control("deepmotion/config", new { jobDurationMs = 60000 });
        var result = Shell.Run("""
            $job = Send-Video -LiteralPath $assets/walk.mp4 | Start-AnimationJob -Format bvh
            Disconnect-AnimationService -Service DeepMotion
            $job.JobStateInfo.State
            """).ThrowOnError();
        Assert.Equal("Stopped", result.Output.Single().ToString());
    }

    [Fact]
    public void A_disconnected_sessions_job_stays_stopped_for_Wait_Job()
    {
        Connect();
        Emulator.Control("deepmotion/config", new { jobDurationMs = 60000 });
        var result = Shell.Run("""
            $job = Send-Video -LiteralPath $assets/walk.mp4 | Start-AnimationJob -Format bvh
            Disconnect-AnimationService -Service DeepMotion
            $null = $job | Wait-Job -Timeout 3
            $job.JobStateInfo.State
            """).ThrowOnError();
        Assert.Equal("Stopped", result.Output.Single().ToString());
    }

    [Fact]
    public void Disconnecting_stops_jobs_in_every_phase_including_the_download_of_results()
    {
        Connect();
        Emulator.Control("deepmotion/config", new { jobDurationMs = 300 });
        // The results download stalls after its first bytes: the job is past polling, fetching its files.
        Emulator.AddFault(new AnimationTools.Emulator.Infrastructure.FaultDefinition
        {
            Service = "deepmotion", Method = "GET", Path = "^/deepmotion/storage/results/", Kind = AnimationTools.Emulator.Infrastructure.FaultKind.StallBody,
            AfterBytes = 10, DelayMs = 60000, Count = 100,
        });
        var result = Shell.Run("""
            $video = Send-Video -LiteralPath $assets/walk.mp4
            $downloading = $video | Start-AnimationJob -Format bvh -Destination $work
            $deadline = [datetime]::UtcNow.AddSeconds(15)
            while ($downloading.StatusMessage -ne 'Downloading results' -and [datetime]::UtcNow -lt $deadline) { [System.Threading.Thread]::Sleep(50) }
            $downloading.StatusMessage
            Disconnect-AnimationService -Service DeepMotion
            $null = $downloading | Wait-Job -Timeout 3
            $downloading.JobStateInfo.State
            """).ThrowOnError();
        Assert.Equal(new[] { "Downloading results", "Stopped" }, result.Output.Select(o => o.ToString()).ToArray());
    }
}
