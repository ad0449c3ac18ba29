using System.Management.Automation;
using System.Text.Json.Nodes;
using AnimationTools.Emulator.Infrastructure;
using AnimationTools.Tests.Infrastructure;

namespace AnimationTools.Tests;

/// <summary>Defect 6: a status nobody knows is tolerated for a bound, then the job fails with a typed error naming it.</summary>
public sealed class UnknownStatusTests : DeepMotionTestBase
{
    public UnknownStatusTests(EmulatorFixture emulator) : base(emulator) { }

    void StatusBecomes(JsonNode value, int count) => Emulator.AddFault(new FaultDefinition
    {
        Service = "deepmotion", Method = "GET", Path = "^/deepmotion/status/", Kind = FaultKind.ReplaceBody,
        Patch = new() { ["/status/*/status"] = value }, Count = count,
    });

    [Theory]
    [InlineData("EXPLODED", "'EXPLODED'")]
    [InlineData(null, "null")]
    public void An_unknown_status_fails_the_job_after_the_sessions_bound(string value, string shown)
    {
        Connect();
        Emulator.Control("deepmotion/config", new { jobDurationMs = 60000 });
        StatusBecomes(value, 1000);
        var result = Shell.Run("""
            (Get-AnimationSession -Current DeepMotion).UnknownStatusTimeout = [TimeSpan]::FromSeconds(1)
            $job = Send-Video -LiteralPath $assets/walk.mp4 | Start-AnimationJob -Format bvh
            $null = $job | Wait-Job -Timeout 10
            $job.JobStateInfo.State
            $job | Receive-Job
            """);
        Assert.Equal("Failed", result.Output.First().ToString());
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("DeepMotion.UnknownStatus", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidResult, error.CategoryInfo.Category);
        Assert.Contains("unknown status " + shown, error.Exception.Message);
        Assert.True(Emulator.Requests().Count(r => r.Path.StartsWith("/deepmotion/status/")) >= 2, "the unknown status was not given a chance");
    }

    [Fact]
    public void An_unknown_status_that_passes_is_tolerated()
    {
        Connect();
        StatusBecomes("WARMING_UP", 3);
        var result = Shell.Run("""
            $job = Send-Video -LiteralPath $assets/walk.mp4 | Start-AnimationJob -Format bvh
            $null = $job | Wait-Job -Timeout 20
            $job.JobStateInfo.State
            $job | Receive-Job -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message
            """).ThrowOnError();
        Assert.Equal("Completed", result.Output.First().ToString());
        Assert.Contains(result.Output.Skip(1), o => o.ToString().Contains("unknown status 'WARMING_UP'"));
    }
}
