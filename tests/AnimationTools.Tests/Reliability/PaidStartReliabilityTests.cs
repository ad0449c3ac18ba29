using System.Management.Automation;
using AnimationTools.Emulator.Infrastructure;
using AnimationTools.Tests.Infrastructure;

namespace AnimationTools.Tests.Reliability;

/// <summary>
/// Paid starts whose answers get lost while other callers of the same account start alike work at the same time:
/// never a second job for one request (no duplicates), never another caller's job (no adoptions).
/// </summary>
[Trait("Category", ReliabilityTable.Category)]
public sealed class PaidStartReliabilityTests : DeepMotionTestBase
{
    static readonly string[] Formats = { "bvh", "fbx", "mp4", "glb", "bvh,fbx", "bvh,mp4", "fbx,glb", "mp4,glb" };

    public PaidStartReliabilityTests(EmulatorFixture emulator) : base(emulator) { }

    [Fact]
    public void DeepMotion_a_lost_POST_process_among_eight_runspaces_gets_its_own_job()
    {
        var random = new Random(8);
        int trials = 4, duplicates = 0, adoptions = 0, hangs = 0, handled = 0;
        var hosts = Enumerable.Range(0, Formats.Length).Select(_ => new PowerShellHost()).ToList();
        try
        {
            for (var trial = 0; trial < trials; trial++)
            {
                Emulator.Reset();
                hosts[0].Run("Get-AnimationSession | Disconnect-AnimationService").ThrowOnError();
                foreach (var host in hosts)
                {
                    host.SetVariable("cred", new PSCredential("demo", ToSecure("demo-secret")));
                    host.SetVariable("endpoint", Emulator.DeepMotionUrl);
                    host.Run("$s = Connect-DeepMotion -Credential $cred -Endpoint $endpoint -PassThru").ThrowOnError();
                }
                var url = (string)hosts[0].Run($"(Send-Video -LiteralPath '{Asset("walk.mp4")}' -Session $s).Url").ThrowOnError().Output.Single().BaseObject;
                Emulator.AddFault(new FaultDefinition { Service = "deepmotion", Method = "POST", Path = "/process$", Kind = FaultKind.LostResponse, Skip = random.Next(0, hosts.Count) });

                hosts.ForEach(host => host.SetVariable("url", url));
                var rids = ParallelRuns.Run(hosts, i => $"(Start-AnimationJob -Url $url -Session $s -Format {Formats[i]}).Rid", ref hangs);

                var jobs = Emulator.Server.State.DeepMotion.ListJobs();
                duplicates += Math.Max(0, jobs.Count - hosts.Count);
                for (var i = 0; i < hosts.Count; i++)
                {
                    var job = jobs.SingleOrDefault(j => j.Rid == rids[i]);
                    // The job a runspace got must be the one it asked for: its formats, and nobody else's rid.
                    var own = job != null && job.Params.Contains("formats=" + Formats[i]) && rids.Count(r => r == rids[i]) == 1;
                    if (own) handled++;
                    else if (rids[i] != null) adoptions++;
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
            Area = "DeepMotion", Case = "POST /process answer lost among 8 parallel runspaces on one upload",
            Trials = trials * Formats.Length, Faults = trials, Duplicates = duplicates, Adoptions = adoptions, Hangs = hangs, Handled = handled,
        });
        Assert.Equal(0, hangs);
        Assert.Equal(0, duplicates);
        Assert.Equal(0, adoptions);
        Assert.Equal(trials * Formats.Length, handled);
    }

    [Fact]
    public void DeepMotion_a_lost_answer_whose_lookup_fails_is_an_AmbiguousResult()
    {
        Connect();
        Shell.Run("(Get-AnimationSession -Current).Retry.BaseDelay = [TimeSpan]::FromMilliseconds(10)").ThrowOnError();
        Shell.Run("$video = Send-Video -LiteralPath $assets/walk.mp4").ThrowOnError();
        Emulator.AddFault(new FaultDefinition { Service = "deepmotion", Method = "POST", Path = "/process$", Kind = FaultKind.LostResponse });
        Emulator.AddFault(new FaultDefinition { Service = "deepmotion", Method = "GET", Path = "/list$", Kind = FaultKind.Status, Status = 500, Count = 10 });

        var result = Shell.Run("$video | Start-AnimationJob -Format bvh");

        var error = Assert.Single(result.Errors);
        Assert.StartsWith("DeepMotion.AmbiguousResult", error.FullyQualifiedErrorId);
        Assert.Contains("Looking it up failed too", error.Exception.Message);
        Assert.Single(Emulator.Requests(), r => r.Method == "POST" && r.Path.EndsWith("/process"));
    }

    [Fact]
    public void DeepMotion_a_503_to_POST_process_is_looked_up_before_it_is_sent_again()
    {
        Connect();
        Shell.Run("(Get-AnimationSession -Current).Retry.BaseDelay = [TimeSpan]::FromMilliseconds(10)").ThrowOnError();
        Shell.Run("$video = Send-Video -LiteralPath $assets/walk.mp4").ThrowOnError();
        // The service refused before acting: the lookup finds nothing, so the request goes again, once.
        Emulator.AddFault(new FaultDefinition { Service = "deepmotion", Method = "POST", Path = "/process$", Kind = FaultKind.Status, Status = 503 });

        var result = Shell.Run("($video | Start-AnimationJob -Format bvh).Rid").ThrowOnError();

        Assert.Single(result.Output);
        var requests = Emulator.Requests();
        Assert.Equal(2, requests.Count(r => r.Method == "POST" && r.Path.EndsWith("/process")));
        var firstPost = requests.ToList().FindIndex(r => r.Method == "POST" && r.Path.EndsWith("/process"));
        Assert.Contains(requests.Skip(firstPost), r => r.Path.EndsWith("/list"));
        Assert.Single(Emulator.Server.State.DeepMotion.ListJobs());
    }
}

/// <summary>Scripts started at once in several runspaces; each one's single string output, null for a run that hung.</summary>
static class ParallelRuns
{
    public static string[] Run(IReadOnlyList<PowerShellHost> hosts, Func<int, string> script, ref int hangs)
    {
        var runs = hosts.Select((host, i) => host.Begin(script(i))).ToList();
        var outputs = new string[hosts.Count];
        for (var i = 0; i < runs.Count; i++)
        {
            var (shell, handle) = runs[i];
            using (shell)
            {
                if (!handle.AsyncWaitHandle.WaitOne(TimeSpan.FromSeconds(90)))
                {
                    hangs++;
                    shell.Stop();
                    continue;
                }
                outputs[i] = shell.EndInvoke(handle).SingleOrDefault()?.BaseObject as string;
            }
        }
        return outputs;
    }
}

/// <summary>The Avatar SDK's paid POST /avatars/ under the same conditions.</summary>
[Trait("Category", ReliabilityTable.Category)]
public sealed class AvatarPaidStartReliabilityTests : AvatarSdkTestBase
{
    static readonly (string Pipeline, string Subtype)[] Requests =
    {
        ("animated_face", "base/legacy"), ("head_2.0", "bust/mobile"), ("animated_face", "base/legacy"), ("head_2.0", "bust/mobile"),
        ("animated_face", "indie/legacy_styled"), ("head_2.0", "bust/mobile"),
    };

    public AvatarPaidStartReliabilityTests(EmulatorFixture emulator) : base(emulator) { }

    [Fact]
    public void AvatarSdk_a_lost_POST_avatars_among_parallel_sessions_gets_its_own_avatar()
    {
        var random = new Random(6);
        int trials = 3, duplicates = 0, adoptions = 0, hangs = 0, handled = 0;
        var hosts = Requests.Select(_ => new PowerShellHost()).ToList();
        try
        {
            for (var trial = 0; trial < trials; trial++)
            {
                Emulator.Reset();
                hosts[0].Run("Get-AnimationSession | Disconnect-AnimationService").ThrowOnError();
                foreach (var host in hosts)
                {
                    host.Runspace.SessionStateProxy.Path.SetLocation(Work);
                    host.SetVariable("cred", new PSCredential("demo", ToSecure("demo-secret")));
                    host.SetVariable("endpoint", Emulator.AvatarSdkUrl);
                    host.Run("$s = Connect-AvatarSdk -Credential $cred -Endpoint $endpoint -PassThru").ThrowOnError();
                }
                Emulator.AddFault(new FaultDefinition { Service = "avatarsdk", Method = "POST", Path = "^/avatarsdk/avatars/$", Kind = FaultKind.LostResponse, Skip = random.Next(0, hosts.Count) });

                var codes = ParallelRuns.Run(hosts, i => $"(New-Avatar -Photo ./me.jpg -Pipeline {Requests[i].Pipeline} -PipelineSubtype {Requests[i].Subtype} -Session $s).Code", ref hangs);

                var avatars = Emulator.Server.State.AvatarSdk.ListAvatars();
                duplicates += Math.Max(0, avatars.Count - hosts.Count);
                for (var i = 0; i < hosts.Count; i++)
                {
                    var avatar = avatars.SingleOrDefault(a => a.Code == codes[i]);
                    var own = avatar != null && avatar.Pipeline == Requests[i].Pipeline && avatar.PipelineSubtype == Requests[i].Subtype
                        && codes.Count(c => c == codes[i]) == 1;
                    if (own) handled++;
                    else if (codes[i] != null) adoptions++;
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
            Area = "AvatarSdk", Case = "POST /avatars/ answer lost among 6 parallel sessions, two pipelines",
            Trials = trials * Requests.Length, Faults = trials, Duplicates = duplicates, Adoptions = adoptions, Hangs = hangs, Handled = handled,
        });
        Assert.Equal(0, hangs);
        Assert.Equal(0, duplicates);
        Assert.Equal(0, adoptions);
        Assert.Equal(trials * Requests.Length, handled);
    }
}

/// <summary>A command given a session that was disconnected meanwhile fails with a typed error, not Flurl's.</summary>
public sealed class ClosedSessionTests : DeepMotionTestBase
{
    public ClosedSessionTests(EmulatorFixture emulator) : base(emulator) { }

    [Fact]
    public void A_disconnected_session_is_a_typed_SessionClosed_error()
    {
        Shell.Run("$s = Connect-DeepMotion -Credential $cred -Endpoint $endpoint -PassThru; $s | Disconnect-AnimationService").ThrowOnError();

        var result = Shell.Run("Get-DeepMotionCredit -Session $s");

        var error = Assert.Single(result.Errors);
        Assert.StartsWith("DeepMotion.SessionClosed", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidOperation, error.CategoryInfo.Category);
    }
}
