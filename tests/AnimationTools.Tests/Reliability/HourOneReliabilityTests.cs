using System.Security.Cryptography;
using AnimationTools.Emulator.Infrastructure;
using AnimationTools.Tests.Infrastructure;

namespace AnimationTools.Tests.Reliability;

/// <summary>
/// Hour One's paid create and its download under faults: a lost or 502'd POST /videos among parallel sessions gives
/// each caller its own video, once (found by correlation_id); a cut mp4 download resumes into a byte-identical file.
/// </summary>
[Trait("Category", ReliabilityTable.Category)]
public sealed class HourOneReliabilityTests : HourOneCmdletTestBase
{
    public HourOneReliabilityTests(EmulatorFixture emulator) : base(emulator) { }

    [Fact]
    public void HourOne_a_lost_or_502_POST_videos_among_four_sessions_gets_its_own_video()
    {
        var random = new Random(10);
        int trials = 3, sessions = 4, duplicates = 0, adoptions = 0, hangs = 0, handled = 0;
        var hosts = Enumerable.Range(0, sessions).Select(_ => new PowerShellHost()).ToList();
        try
        {
            for (var trial = 0; trial < trials; trial++)
            {
                Emulator.Reset();
                Emulator.Control("hourone/config", new { startedMs = 100, processingMs = 600 });
                hosts[0].Run("Get-AnimationSession | Disconnect-AnimationService").ThrowOnError();
                foreach (var host in hosts)
                {
                    host.SetVariable("key", ToSecure(ApiKey));
                    host.SetVariable("endpoint", Endpoint);
                    host.Run("$s = Connect-HourOne -ApiKey $key -Endpoint $endpoint -PassThru").ThrowOnError();
                }
                Emulator.AddFault(trial % 2 == 0
                    ? new FaultDefinition { Service = "hourone", Method = "POST", Path = "^/hourone/api/v1/videos$", Kind = FaultKind.LostResponse, Skip = random.Next(0, sessions) }
                    : new FaultDefinition { Service = "hourone", Method = "POST", Path = "^/hourone/api/v1/videos$", Kind = FaultKind.ReplaceStatus, Status = 502, Skip = random.Next(0, sessions) });

                // Alike requests on purpose: only the correlation_id tells the videos apart.
                var runs = hosts.Select(host => host.Begin("(New-HourOneVideo -SourceDraftId demo-draft -Session $s).CorrelationId")).ToList();
                var correlations = new string[sessions];
                for (var i = 0; i < runs.Count; i++)
                {
                    var (shell, handle) = runs[i];
                    using (shell)
                    {
                        if (!handle.AsyncWaitHandle.WaitOne(TimeSpan.FromSeconds(60)))
                        {
                            hangs++;
                            shell.Stop();
                            continue;
                        }
                        correlations[i] = shell.EndInvoke(handle).SingleOrDefault()?.BaseObject as string;
                    }
                }

                var videos = ControlVideos();
                duplicates += Math.Max(0, videos.Count - sessions);
                for (var i = 0; i < sessions; i++)
                {
                    var own = correlations[i] != null && correlations.Count(c => c == correlations[i]) == 1
                        && videos.Count(v => v.GetProperty("correlationId").GetString() == correlations[i]) == 1;
                    if (own) handled++;
                    else if (correlations[i] != null) adoptions++;
                }
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

        ReliabilityTable.Record(new ReliabilityRow
        {
            Area = "HourOne", Case = "POST /videos answer lost or 502 among 4 parallel sessions",
            Trials = trials * sessions, Faults = trials, Duplicates = duplicates, Adoptions = adoptions, Hangs = hangs, Handled = handled,
        });
        Assert.Equal(0, hangs);
        Assert.Equal(0, duplicates);
        Assert.Equal(0, adoptions);
        Assert.Equal(trials * sessions, handled);
    }

    [Fact]
    public void HourOne_a_cut_mp4_download_resumes_into_the_same_bytes()
    {
        Connect();
        var random = new Random(11);
        int trials = 4, losses = 0, hangs = 0, handled = 0;
        var video = Shell.Run("New-HourOneVideo -SourceDraftId demo-draft | Wait-Job -Timeout 30 | Receive-Job").ThrowOnError().Output.Single();
        var url = (string)video.Properties["DownloadUrl"].Value;
        using var direct = new HttpClient(new SocketsHttpHandler { UseProxy = false });
        var expected = SHA256.HashData(direct.GetByteArrayAsync(url).GetAwaiter().GetResult());
        for (var trial = 0; trial < trials; trial++)
        {
            Emulator.AddFault(new FaultDefinition { Service = "hourone", Method = "GET", Path = "^/hourone/files/videos/", Kind = FaultKind.CutBody, AfterBytes = random.Next(1, 2000), Count = 1 + trial % 3 });
            var folder = $"./cut{trial}";
            var (shell, handle) = Shell.Begin($"($video = Get-HourOneVideo -Status ready | Select-Object -First 1 | Save-HourOneVideo -Destination {folder}).File.FullName");
            using (shell)
            {
                if (!handle.AsyncWaitHandle.WaitOne(TimeSpan.FromSeconds(60)))
                {
                    hangs++;
                    shell.Stop();
                    continue;
                }
                var path = shell.EndInvoke(handle).SingleOrDefault()?.BaseObject as string;
                var partials = Directory.GetFiles(Path.Combine(Work, folder), "*.partial");
                if (path == null || partials.Length > 0)
                {
                    losses++;
                    continue;
                }
                if (SHA256.HashData(File.ReadAllBytes(path)).SequenceEqual(expected)) handled++;
                else losses++;
            }
        }

        ReliabilityTable.Record(new ReliabilityRow
        {
            Area = "HourOne", Case = "mp4 download cut 1-3 times at random offsets",
            Trials = trials, Faults = trials, Losses = losses, Hangs = hangs, Handled = handled,
        });
        Assert.Equal(0, hangs);
        Assert.Equal(0, losses);
        Assert.Equal(trials, handled);
    }
}
