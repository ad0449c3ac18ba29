using System.Diagnostics;
using System.Management.Automation;
using AnimationTools.Emulator.Infrastructure;
using AnimationTools.Tests.Infrastructure;

namespace AnimationTools.Tests;

/// <summary>
/// A result body that stops arriving does not keep Save-Animation waiting: no byte for the session's BodyIdleTimeout
/// is a broken connection, resumed from the bytes received (Range, If-Range), and a body that stalls on every attempt
/// ends with DeepMotion.DownloadStalled.
/// </summary>
public sealed class DownloadStallTests : DeepMotionTestBase
{
    public DownloadStallTests(EmulatorFixture emulator) : base(emulator) { }

    /// <summary>A finished job with an mp4 result, saved once without faults; returns the bytes.</summary>
    byte[] FinishedJob()
    {
        Connect();
        Shell.Run("""
            $retry = (Get-AnimationSession -Current).Retry
            $retry.BodyIdleTimeout = [TimeSpan]::FromSeconds(1); $retry.BaseDelay = [TimeSpan]::FromMilliseconds(20)
            $result = Send-Video -LiteralPath $assets/walk.mp4 | Start-AnimationJob -Format mp4 | Wait-Job | Receive-Job
            """).ThrowOnError();
        var file = (FileInfo)Shell.Run("$result | Save-Animation -Destination $work/clean").ThrowOnError().Output.Single().BaseObject;
        return File.ReadAllBytes(file.FullName);
    }

    List<RecordedRequest> ResultGets() => Emulator.Requests().Where(r => r.Method == "GET" && r.Path.Contains("/storage/results/")).ToList();

    [Fact]
    public void A_body_that_stalls_midway_is_resumed_from_the_received_bytes()
    {
        var bytes = FinishedJob();
        var before = ResultGets().Count;
        Emulator.AddFault(new FaultDefinition { Service = "deepmotion", Method = "GET", Path = "/storage/results/", Kind = FaultKind.StallBody, AfterBytes = bytes.Length / 2, DelayMs = 60_000 });

        var watch = Stopwatch.StartNew();
        var result = Shell.Run("$result | Save-Animation -Destination $work/stalled -Verbose").ThrowOnError();
        watch.Stop();

        var file = (FileInfo)result.Output.Single().BaseObject;
        Assert.Equal(bytes, File.ReadAllBytes(file.FullName));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), $"took {watch.Elapsed}");
        var gets = ResultGets().Skip(before).ToList();
        Assert.Equal(2, gets.Count);
        Assert.Equal($"bytes={bytes.Length / 2}-", gets[1].Headers["Range"]);
        Assert.Equal(gets[0].ResponseHeaders["ETag"], gets[1].Headers["If-Range"]);
        Assert.Contains(result.Verbose, v => v.Contains("no data for 1 s"));
        Assert.Empty(Directory.GetFiles(Path.Combine(Work, "stalled"), "*.partial*"));
    }

    [Fact]
    public void A_body_cut_midway_is_resumed_from_the_received_bytes()
    {
        var bytes = FinishedJob();
        var before = ResultGets().Count;
        Emulator.AddFault(new FaultDefinition { Service = "deepmotion", Method = "GET", Path = "/storage/results/", Kind = FaultKind.CutBody, AfterBytes = bytes.Length / 3 });

        var file = (FileInfo)Shell.Run("$result | Save-Animation -Destination $work/cut").ThrowOnError().Output.Single().BaseObject;

        Assert.Equal(bytes, File.ReadAllBytes(file.FullName));
        var gets = ResultGets().Skip(before).ToList();
        Assert.Equal(2, gets.Count);
        Assert.Equal($"bytes={bytes.Length / 3}-", gets[1].Headers["Range"]);
        Assert.Equal(206, gets[1].Status);
    }

    [Fact]
    public void A_body_that_stalls_on_every_attempt_ends_with_DownloadStalled_and_no_file_under_its_final_name()
    {
        FinishedJob();
        // 1000 bytes arrive, then every attempt stalls before its first byte.
        Emulator.AddFault(new FaultDefinition { Service = "deepmotion", Method = "GET", Path = "/storage/results/", Kind = FaultKind.CutBody, AfterBytes = 1000 });
        Emulator.AddFault(new FaultDefinition { Service = "deepmotion", Method = "GET", Path = "/storage/results/", Kind = FaultKind.StallBody, AfterBytes = 0, DelayMs = 60_000, Count = 50 });

        var watch = Stopwatch.StartNew();
        var result = Shell.Run("$result | Save-Animation -Destination $work/stuck");
        watch.Stop();

        var error = Assert.Single(result.Errors);
        Assert.StartsWith("DeepMotion.DownloadStalled,", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.OperationTimeout, error.CategoryInfo.Category);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"took {watch.Elapsed}");
        var folder = Path.Combine(Work, "stuck");
        Assert.Equal([".partial", ".json"], Directory.GetFiles(folder).Select(Path.GetExtension).Order().Reverse().ToArray());
        Assert.Equal(1000, new FileInfo(Directory.GetFiles(folder, "*.partial").Single()).Length);
        Assert.Contains("stalled at byte 1000", error.Exception.Message);
    }
}
