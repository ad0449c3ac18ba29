using AnimationTools.Tests.Infrastructure;

namespace AnimationTools.Tests.AvatarSdk;

/// <summary>Defect 7: the end of a session stops every job it follows, whatever the service and the job's phase.</summary>
public sealed class AvatarSessionEndTests : AvatarSdkTestBase
{
    public AvatarSessionEndTests(EmulatorFixture emulator) : base(emulator) { }

    [Fact]
    public void Disconnecting_stops_a_running_avatar_job()
    {
        Connect();
        Configure(new { computingMs = 60000 });
        var result = Shell.Run("""
            $job = New-Avatar -Photo ./me.jpg
            Disconnect-AnimationService -Service AvatarSdk
            $null = $job | Wait-Job -Timeout 3
            $job.JobStateInfo.State
            """).ThrowOnError();
        Assert.Equal("Stopped", result.Output.Single().ToString());
    }

    [Fact]
    public void Disconnecting_stops_export_jobs_and_avatar_jobs_waiting_for_their_export()
    {
        Connect();
        Configure(new { exportMs = 60000 });
        var result = Shell.Run("""
            $avatar = New-Avatar -Photo ./me.jpg -Pipeline head_2.0 | Wait-Job | Receive-Job
            $export = $avatar | New-AvatarExport -ExportParameter @{ format = 'glb' }
            $withExport = New-Avatar -Photo ./me.jpg -Pipeline head_2.0 -ExportParameter @{ format = 'glb' }
            $deadline = [datetime]::UtcNow.AddSeconds(10)
            while ($withExport.StatusMessage -notlike 'Exporting*' -and [datetime]::UtcNow -lt $deadline) { [System.Threading.Thread]::Sleep(50) }
            $withExport.StatusMessage -like 'Exporting*'
            Get-AnimationSession | Disconnect-AnimationService
            $null = $export, $withExport | Wait-Job -Timeout 3
            $export.JobStateInfo.State
            $withExport.JobStateInfo.State
            """).ThrowOnError();
        Assert.Equal(new[] { "True", "Stopped", "Stopped" }, result.Output.Select(o => o.ToString()).ToArray());
    }
}
