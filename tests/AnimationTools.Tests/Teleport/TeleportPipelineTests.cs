using System.Management.Automation;
using AnimationTools.Tests.Infrastructure;

namespace AnimationTools.Tests.Teleport;

/// <summary>The Teleport cmdlets as a user chains them: connect, upload a video, wait, save a real PLY.</summary>
public sealed class TeleportPipelineTests : TeleportCmdletTestBase
{
    public TeleportPipelineTests(EmulatorFixture emulator) : base(emulator)
    {
    }

    [Fact]
    public void A_video_becomes_a_real_ply_on_disk_in_one_pipeline()
    {
        Configure(new { chunkSize = 4096 });
        Connect();

        var result = Shell.Run("""
            New-TeleportCapture -Path ./clip.mp4 -Name 'Lobby' | Wait-Job -Timeout 60 | Receive-Job |
                Save-TeleportCapture -Profile ply -Quality hd -Destination ./lobby
            """).ThrowOnError();

        var file = Assert.IsType<FileInfo>(result.Output.Single().BaseObject);
        Assert.Equal(Path.Combine(Work, "lobby"), file.DirectoryName);
        Assert.EndsWith("-hd-point_cloud.ply", file.Name);
        var ply = PlyReader.Load(File.ReadAllBytes(file.FullName));
        Assert.Equal(16384, ply.VertexCount);
        Assert.Contains(ply.VertexProperties, p => p.Name == "x" && p.Type == "float");
        Assert.Empty(Directory.GetFiles(Path.Combine(Work, "lobby"), "*.partial"));

        // What arrived is the file, part by part, and the capture is what the job said.
        var capture = Emulator.Server.State.Teleport.ListCaptures().Single();
        Assert.Equal("Lobby", capture.Name);
        Assert.Equal("READY", capture.State);
        Assert.Equal(File.ReadAllBytes(Path.Combine(Work, "clip.mp4")), UploadedFile(capture.Eid));
        Assert.Equal(4, Upload(capture.Eid).GetProperty("numParts").GetInt32());
        Assert.StartsWith(capture.Eid, file.Name);
    }

    [Fact]
    public void Parts_go_up_in_parallel_with_exact_lengths_and_no_token_and_the_job_gives_the_capture()
    {
        // 1 KiB/s per connection: four parts of 1 KiB take about a second in parallel, four in turn.
        Configure(new { chunkSize = 1024, partBandwidth = 1024 });
        var data = new byte[4096];
        new Random(3).NextBytes(data);
        "\0\0\0\u0018ftypisom"u8.ToArray().CopyTo(data, 0);
        File.WriteAllBytes(Path.Combine(Work, "small.mp4"), data);
        Connect();

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var job = Shell.Run("New-TeleportCapture ./small.mp4 -ThrottleLimit 4").ThrowOnError().Output.Single();
        var uploadSeconds = watch.Elapsed.TotalSeconds;
        Assert.Equal("AnimationTools.Teleport.CaptureJob", job.BaseObject.GetType().FullName);

        var puts = PartPuts();
        Assert.Equal(4, puts.Count);
        Assert.All(puts, put => Assert.Equal("1024", put.Headers["Content-Length"]));
        Assert.All(puts, put => Assert.False(put.Headers.ContainsKey("Authorization"), "a part PUT carried the token"));
        var starts = puts.Select(p => p.StartedAt).OrderBy(t => t).ToList();
        Assert.True(starts[^1] - starts[0] < TimeSpan.FromSeconds(0.7), $"the parts started {string.Join(", ", starts.Select(s => s.ToString("ss.fff")))}");
        Assert.True(uploadSeconds < 3.5, $"the upload took {uploadSeconds:0.0} s");

        Shell.SetVariable("job", job);
        var capture = Shell.Run("$job | Wait-Job -Timeout 30 | Receive-Job").ThrowOnError().Output.Single();
        Assert.Equal("READY", capture.Properties["State"].Value);
        Assert.Equal(job.Properties["Eid"].Value, capture.Properties["Eid"].Value);
        Assert.NotNull(capture.Properties["Sid"].Value);
        Assert.NotNull(capture.Properties["ViewerUrl"].Value);
        Assert.IsType<DateTime>(capture.Properties["Created"].Value);
    }

    [Fact]
    public void The_token_comes_from_the_sign_in_service_as_JSON_and_is_renewed_when_refused()
    {
        Connect();
        var login = Emulator.Requests("teleport-signin").Single();
        Assert.Equal("POST", login.Method);
        Assert.StartsWith("application/json", login.Headers["Content-Type"]);
        Assert.Equal(1, Emulator.Server.State.Teleport.TokensIssued);

        Emulator.Server.State.Teleport.ExpireTokens();
        Shell.Run("Get-TeleportCapture").ThrowOnError();
        Assert.Equal(2, Emulator.Server.State.Teleport.TokensIssued);
        Assert.Contains(Requests(), r => r.Status == 401);
    }

    [Fact]
    public void A_token_about_to_expire_is_renewed_before_it_is_used()
    {
        Configure(new { tokenLifetimeSeconds = 2 });
        Connect();
        Thread.Sleep(2100);
        Shell.Run("Get-TeleportCapture").ThrowOnError();
        Assert.Equal(2, Emulator.Server.State.Teleport.TokensIssued);
        Assert.DoesNotContain(Requests(), r => r.Status == 401);
    }

    [Fact]
    public void A_failed_capture_fails_its_job_with_the_reason_as_a_typed_error()
    {
        Emulator.Control("teleport/next-capture", new { errorReason = "NOT_ENOUGH_FRAMES" });
        Connect();

        var result = Shell.Run("$job = New-TeleportCapture ./clip.mp4; $null = $job | Wait-Job -Timeout 30; $job.JobStateInfo.State; $job.ErrorReason; $job | Receive-Job");

        Assert.Equal("Failed", result.Output[0].ToString());
        Assert.Equal("NOT_ENOUGH_FRAMES", result.Output[1].ToString());
        var error = result.Errors.Single();
        Assert.StartsWith("Teleport.Capture.NotEnoughFrames", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
        Assert.Contains("NOT_ENOUGH_FRAMES", error.Exception.Message);
        Assert.False(string.IsNullOrEmpty(error.ErrorDetails?.RecommendedAction));
    }

    [Fact]
    public void WhatIf_sends_nothing()
    {
        Connect();
        Emulator.Server.State.Requests.Clear();
        var result = Shell.Run("New-TeleportCapture ./clip.mp4 -WhatIf").ThrowOnError();
        Assert.Empty(result.Output);
        Assert.Empty(Requests());
    }

    [Fact]
    public void With_another_endpoint_the_token_endpoint_must_be_given_too()
    {
        var result = Shell.Run("Connect-Teleport -Credential $cred -Endpoint $endpoint");
        Assert.Equal("Teleport.InvalidParameter.TokenEndpoint,AnimationTools.Teleport.Commands.ConnectTeleport", result.Errors.Single().FullyQualifiedErrorId);
        Assert.Empty(Emulator.Requests("teleport-signin"));
    }

    [Fact]
    public void Wrong_credentials_are_a_typed_authentication_error()
    {
        var result = Shell.Run("Connect-Teleport -ClientId demo -ClientSecret 'wrong' -Endpoint $endpoint -TokenEndpoint $tokenEndpoint");
        var error = result.Errors.Single();
        Assert.StartsWith("Teleport.AuthenticationFailed", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
        Assert.DoesNotContain("wrong", error.ToString());
    }

    [Fact]
    public void No_secret_reaches_any_stream_or_object()
    {
        const string signing = "whsec_do_not_show";
        var result = Shell.Run($$"""
            $VerbosePreference = 'Continue'; $DebugPreference = 'Continue'
            $s = Connect-Teleport -ClientId demo -ClientSecret 'demo-secret' -Endpoint $endpoint -TokenEndpoint $tokenEndpoint -PassThru -PollIntervalSeconds 0.1
            $s | Format-List * | Out-String
            $s | ConvertTo-Json -Depth 3 -WarningAction SilentlyContinue
            "$s"
            $job = New-TeleportCapture ./clip.mp4 -Session $s
            $capture = $job | Wait-Job -Timeout 30 | Receive-Job
            $capture | Get-TeleportCaptureMetadata -Session $s | Format-List * | Out-String
            $l = Start-WebhookListener -Service Teleport -SigningSecret '{{signing}}' -Prefix 'http://127.0.0.1:{{FreePort()}}/' -Session $s
            $l | Format-List * | Out-String
            $l | Stop-Job
            Get-AnimationSession | Format-Table | Out-String
            """);
        Assert.Empty(result.Errors);
        var token = Requests().Select(r => r.Headers.GetValueOrDefault("Authorization")).First(a => a != null)["Bearer ".Length..];
        var text = result.AllText();
        Assert.Contains("Teleport", text);
        Assert.DoesNotContain("demo-secret", text);
        Assert.DoesNotContain(token, text);
        Assert.DoesNotContain(signing, text);
    }

    internal static int FreePort()
    {
        var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        var port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }
}
