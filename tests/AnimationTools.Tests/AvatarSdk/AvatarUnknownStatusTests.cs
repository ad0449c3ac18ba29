using System.Management.Automation;
using System.Text.Json.Nodes;
using AnimationTools.Emulator.Infrastructure;
using AnimationTools.Tests.Infrastructure;

namespace AnimationTools.Tests.AvatarSdk;

/// <summary>Defect 6 for the Avatar SDK: unknown statuses end in a typed error after the bound; Pending is known.</summary>
public sealed class AvatarUnknownStatusTests : AvatarSdkTestBase
{
    public AvatarUnknownStatusTests(EmulatorFixture emulator) : base(emulator) { }

    void StatusBecomes(string route, JsonNode value, int count) => Emulator.AddFault(new FaultDefinition
    {
        Service = "avatarsdk", Method = "GET", Path = route, Kind = FaultKind.ReplaceBody,
        Patch = new() { ["/status"] = value }, Count = count,
    });

    [Theory]
    [InlineData("EXPLODED", "'EXPLODED'")]
    [InlineData(null, "null")]
    public void An_unknown_avatar_status_fails_the_job_after_the_bound(string value, string shown)
    {
        Connect();
        StatusBecomes("^/avatarsdk/avatars/[^/]+/$", value, 1000);
        var result = Shell.Run("""
            (Get-AnimationSession -Current AvatarSdk).UnknownStatusTimeout = [TimeSpan]::FromSeconds(1)
            $job = New-Avatar -Photo ./me.jpg
            $null = $job | Wait-Job -Timeout 10
            $job.JobStateInfo.State
            $job | Receive-Job
            """);
        Assert.Equal("Failed", result.Output.First().ToString());
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("AvatarSdk.UnknownStatus", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidResult, error.CategoryInfo.Category);
        Assert.Contains("unknown status " + shown, error.Exception.Message);
    }

    [Fact]
    public void An_unknown_export_status_fails_the_export_job()
    {
        Connect();
        var result = Shell.Run("""
            (Get-AnimationSession -Current AvatarSdk).UnknownStatusTimeout = [TimeSpan]::FromSeconds(1)
            New-Avatar -Photo ./me.jpg -Pipeline head_2.0 | Wait-Job | Receive-Job
            """).ThrowOnError();
        Shell.SetVariable("avatar", result.Output.Single());
        StatusBecomes("^/avatarsdk/avatars/[^/]+/exports/[^/]+/$", "Sleeping", 1000);
        var export = Shell.Run("""
            $job = $avatar | New-AvatarExport -ExportParameter @{ format = 'glb' }
            $null = $job | Wait-Job -Timeout 10
            $job.JobStateInfo.State
            $job | Receive-Job
            """);
        Assert.Equal("Failed", export.Output.First().ToString());
        Assert.StartsWith("AvatarSdk.UnknownStatus", Assert.Single(export.Errors).FullyQualifiedErrorId);
    }

    [Fact]
    public void Pending_is_a_known_passing_status_whatever_the_bound()
    {
        Connect();
        StatusBecomes("^/avatarsdk/avatars/[^/]+/$", "Pending", 4);
        var result = Shell.Run("""
            (Get-AnimationSession -Current AvatarSdk).UnknownStatusTimeout = [TimeSpan]::Zero
            $job = New-Avatar -Photo ./me.jpg
            $null = $job | Wait-Job -Timeout 20
            $job.JobStateInfo.State
            """).ThrowOnError();
        Assert.Equal("Completed", result.Output.Single().ToString());
    }
}
