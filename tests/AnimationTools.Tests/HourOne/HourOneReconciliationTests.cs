using AnimationTools.Emulator.Infrastructure;
using AnimationTools.Tests.Infrastructure;

namespace AnimationTools.Tests.HourOne;

/// <summary>A lost answer to the paid POST /videos is found again by its correlation_id, never created twice.</summary>
public sealed class HourOneReconciliationTests : HourOneCmdletTestBase
{
    public HourOneReconciliationTests(EmulatorFixture emulator) : base(emulator) { }

    [Fact]
    public void A_lost_create_answer_is_found_by_its_correlation_id()
    {
        Connect();
        Emulator.AddFault(new FaultDefinition { Service = "hourone", Method = "POST", Path = "^/hourone/api/v1/videos$", Kind = FaultKind.LostResponse });
        var result = Shell.Run("New-HourOneVideo -SourceDraftId demo-draft -Name once | Wait-Job -Timeout 30 | Receive-Job").ThrowOnError();
        Assert.Equal("once", Assert.Single(result.Output).Properties["Name"].Value);
        Assert.Contains(result.Warnings, w => w.Contains("looking it up", StringComparison.OrdinalIgnoreCase));
        Assert.Single(VideoPosts());
        Assert.Single(ControlVideos());
        Assert.Contains(Requests(), r => r.Method == "GET" && r.Path == "/hourone/api/v1/videos");
    }

    [Fact]
    public void A_502_to_the_create_is_reconciled_not_resent()
    {
        Connect();
        Emulator.AddFault(new FaultDefinition { Service = "hourone", Method = "POST", Path = "^/hourone/api/v1/videos$", Kind = FaultKind.ReplaceStatus, Status = 502 });
        var result = Shell.Run("(New-HourOneVideo -SourceDraftId demo-draft).VideoId").ThrowOnError();
        Assert.Equal(ControlVideos().Single().GetProperty("id").GetString(), result.Output.Single().BaseObject);
        Assert.Single(VideoPosts());
    }

    [Fact]
    public void A_create_that_did_nothing_is_sent_again()
    {
        Connect();
        // Refused before the handler ran: nothing was created, so the lookup finds nothing and the POST goes again.
        Emulator.AddFault(new FaultDefinition { Service = "hourone", Method = "POST", Path = "^/hourone/api/v1/videos$", Kind = FaultKind.Status, Status = 503, Count = 1 });
        Shell.Run("(New-HourOneVideo -SourceDraftId demo-draft).VideoId").ThrowOnError();
        Assert.Equal(2, VideoPosts().Count);
        Assert.Single(ControlVideos());
    }

    [Fact]
    public void A_lost_create_answer_in_two_parallel_sessions_gives_exactly_one_video_each()
    {
        var hosts = new[] { new PowerShellHost(), new PowerShellHost() };
        try
        {
            for (var trial = 0; trial < 2; trial++)
            {
                Emulator.Reset();
                Emulator.Control("hourone/config", new { startedMs = 100, processingMs = 600 });
                // Sessions are process-wide: disconnect the last trial's once, before connecting this one's.
                hosts[0].Run("Get-AnimationSession | Disconnect-AnimationService").ThrowOnError();
                foreach (var host in hosts)
                {
                    host.SetVariable("key", ToSecure(ApiKey));
                    host.SetVariable("endpoint", Endpoint);
                    host.Run("$s = Connect-HourOne -ApiKey $key -Endpoint $endpoint -PassThru").ThrowOnError();
                }
                Emulator.AddFault(new FaultDefinition { Service = "hourone", Method = "POST", Path = "^/hourone/api/v1/videos$", Kind = FaultKind.LostResponse, Skip = trial });

                var runs = hosts.Select((host, i) => host.Begin($"(New-HourOneVideo -SourceDraftId demo-draft -Name 'session {i}' -Session $s).VideoId")).ToList();
                var ids = new string[hosts.Length];
                for (var i = 0; i < runs.Count; i++)
                {
                    var (shell, handle) = runs[i];
                    using (shell)
                    {
                        Assert.True(handle.AsyncWaitHandle.WaitOne(TimeSpan.FromSeconds(60)), "a create hung");
                        ids[i] = shell.EndInvoke(handle).SingleOrDefault()?.BaseObject as string;
                        Assert.True(ids[i] != null, $"session {i}: " + string.Join("; ", shell.Streams.Error.Select(e => e.FullyQualifiedErrorId + " " + e.Exception.Message)));
                    }
                }

                var videos = ControlVideos();
                Assert.Equal(2, videos.Count);
                Assert.Equal(2, ids.Distinct().Count(id => id != null));
                for (var i = 0; i < hosts.Length; i++)
                {
                    Assert.Equal($"session {i}", videos.Single(v => v.GetProperty("id").GetString() == ids[i]).GetProperty("name").GetString());
                }
                Assert.Equal(2, VideoPosts().Count);
            }
        }
        finally
        {
            foreach (var host in hosts)
            {
                host.Run("Get-Job | Remove-Job -Force; Get-AnimationSession | Disconnect-AnimationService");
                host.Dispose();
            }
        }
    }
}
