using System.Diagnostics;
using AnimationTools.Emulator.Infrastructure;
using AnimationTools.Tests.Infrastructure;

namespace AnimationTools.Tests;

/// <summary>Stop-Job, Ctrl+C, Wait-Job -Any and -Timeout behave as for any PowerShell job.</summary>
public sealed class JobControlTests : DeepMotionTestBase
{
    public JobControlTests(EmulatorFixture emulator) : base(emulator) { }

    [Fact]
    public void Stop_Job_ends_a_running_job_promptly()
    {
        Connect();
        Emulator.Control("deepmotion/config", new { jobDurationMs = 60000 });
        Shell.Run("$job = Send-Video -LiteralPath $assets/walk.mp4 | Start-AnimationJob -Format bvh").ThrowOnError();

        var watch = Stopwatch.StartNew();
        var result = Shell.Run("$job | Stop-Job; $job.JobStateInfo.State").ThrowOnError();
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"Stop-Job took {watch.Elapsed}");
        Assert.Equal("Stopped", result.Output.Single().ToString());

        // Stopped jobs are no longer polled.
        Thread.Sleep(500);
        var polls = Emulator.Requests().Count(r => r.Path.StartsWith("/deepmotion/status/"));
        Thread.Sleep(1000);
        Assert.Equal(polls, Emulator.Requests().Count(r => r.Path.StartsWith("/deepmotion/status/")));
        Shell.Run("$job | Remove-Job").ThrowOnError();
    }

    [Fact]
    public void Ctrl_C_stops_an_upload_at_once()
    {
        Connect();
        var path = RandomVideo("slow.mp4", 2 * 1024 * 1024);
        Emulator.AddFault(new FaultDefinition { Service = "deepmotion", Method = "PUT", Path = "/storage/", Kind = FaultKind.Delay, DelayMs = 30000 });

        AssertStopsAtOnce($"Send-Video -LiteralPath '{path}'", () => Emulator.Requests().Any(r => r.Method == "PUT" && r.Path.Contains("/storage/")));
    }

    [Fact]
    public void Ctrl_C_stops_waiting_for_a_job_at_once()
    {
        Connect();
        Emulator.Control("deepmotion/config", new { jobDurationMs = 60000 });
        AssertStopsAtOnce("Send-Video -LiteralPath $assets/walk.mp4 | Start-AnimationJob -Format bvh | Wait-Job | Receive-Job",
            () => Emulator.Requests().Any(r => r.Path.StartsWith("/deepmotion/status/")));
    }

    [Fact]
    public void Wait_Job_Any_returns_the_first_job_to_finish()
    {
        Connect();
        Emulator.Control("deepmotion/config", new { jobDurationMs = 30000 });
        Emulator.Control("deepmotion/next-job", new { durationMs = 500 });
        var result = Shell.Run("""
            $quick = Send-Video -LiteralPath $assets/walk.mp4 | Start-AnimationJob -Format bvh
            $slow = Send-Video -LiteralPath $assets/jump.mp4 | Start-AnimationJob -Format bvh
            $first = Wait-Job -Job $slow, $quick -Any -Timeout 20
            $first.Rid -eq $quick.Rid
            $slow.JobStateInfo.State
            """).ThrowOnError();
        Assert.Equal(true, result.Output[0].BaseObject);
        Assert.Equal("Running", result.Output[1].ToString());
    }

    [Fact]
    public void Wait_Job_Timeout_returns_nothing_while_the_job_runs()
    {
        Connect();
        Emulator.Control("deepmotion/config", new { jobDurationMs = 30000 });
        var watch = Stopwatch.StartNew();
        var result = Shell.Run("""
            $job = Send-Video -LiteralPath $assets/walk.mp4 | Start-AnimationJob -Format bvh
            $waited = $job | Wait-Job -Timeout 1
            $null -eq $waited
            $job.JobStateInfo.State
            $job.StatusMessage
            """).ThrowOnError();
        Assert.Equal(true, result.Output[0].BaseObject);
        Assert.Equal("Running", result.Output[1].ToString());
        Assert.Contains("Processing", result.Output[2].ToString());
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10));
    }

    /// <summary>Starts the script, waits until it is busy, then stops it as Ctrl+C does and checks it ended within 3 s.</summary>
    void AssertStopsAtOnce(string script, Func<bool> busy)
    {
        var (shell, handle) = Shell.Begin(script);
        WaitUntil(busy, TimeSpan.FromSeconds(15));

        var watch = Stopwatch.StartNew();
        shell.Stop();
        Assert.True(handle.IsCompleted);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"Stop took {watch.Elapsed}");
        shell.Dispose();
    }

    static void WaitUntil(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("condition not met");
            Thread.Sleep(50);
        }
    }
}
