using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using AnimationTools.Tests.Infrastructure;

namespace AnimationTools.Tests.HourOne;

/// <summary>
/// Start-WebhookListener -Service HourOne: x-hourone-signature (HMAC-SHA256 over the raw bytes) checked before anything
/// is parsed, forgeries refused, a verified event making the video's job ask the service at once.
/// </summary>
public sealed class HourOneListenerTests : HourOneCmdletTestBase
{
    const string Secret = "whsec_hourone_listener";

    readonly int _port = AnimationTools.Tests.Teleport.TeleportPipelineTests.FreePort();

    public HourOneListenerTests(EmulatorFixture emulator) : base(emulator) { }

    string Prefix => $"http://127.0.0.1:{_port}/hooks/";

    static string Sign(byte[] body, string secret = Secret) => Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    HttpStatusCode Post(string body, string signature)
    {
        using var http = new HttpClient();
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (signature != null) content.Headers.Add("x-hourone-signature", signature);
        return http.PostAsync(Prefix, content).GetAwaiter().GetResult().StatusCode;
    }

    static void WaitFor(Func<bool> condition, TimeSpan timeout)
    {
        var end = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > end) throw new TimeoutException("condition not met");
            Thread.Sleep(50);
        }
    }

    [Fact]
    public void A_verified_webhook_completes_the_job_long_before_its_next_poll()
    {
        Emulator.Control("hourone/webhooks", new { url = Prefix, signingSecret = Secret });
        // Polls 30 s apart, and only every 10 minutes while the listener runs: only the event can finish it in time.
        Shell.Run("Connect-HourOne -ApiKey $key -Endpoint $endpoint -PollIntervalSeconds 30").ThrowOnError();
        Shell.Run($"$listener = Start-WebhookListener -Service HourOne -SigningSecret '{Secret}' -Prefix '{Prefix}' -FallbackPollSeconds 600").ThrowOnError();

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var result = Shell.Run("$job = New-HourOneVideo -SourceDraftId demo-draft; $null = $job | Wait-Job -Timeout 20; $job.JobStateInfo.State; $job | Receive-Job").ThrowOnError();
        Assert.Equal("Completed", result.Output[0].ToString());
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), $"took {watch.Elapsed}");
        var videoId = result.Output[1].Properties["Id"].Value;

        var received = Shell.Run("$listener | Receive-Job").ThrowOnError().Output.Single();
        Assert.Equal("HourOne", received.Properties["Service"].Value);
        Assert.Equal("video.ready", received.Properties["EventType"].Value);
        Assert.Equal(videoId, received.Properties["Id"].Value);
    }

    [Fact]
    public void A_forged_webhook_is_refused_with_a_typed_error_and_no_effect()
    {
        Emulator.Control("hourone/config", new { processingMs = 60_000 });
        Shell.Run("Connect-HourOne -ApiKey $key -Endpoint $endpoint -PollIntervalSeconds 30").ThrowOnError();
        Shell.Run($"$listener = Start-WebhookListener -Service HourOne -SigningSecret '{Secret}' -Prefix '{Prefix}' -FallbackPollSeconds 600").ThrowOnError();
        var id = Shell.Run("$job = New-HourOneVideo -SourceDraftId demo-draft; $job.VideoId").ThrowOnError().Output.Single().ToString();
        var ready = $"{{\"event_name\":\"video.ready\",\"data\":{{\"id\":\"{id}\",\"status\":\"ready\"}}}}";

        Emulator.Server.State.Requests.Clear();
        Assert.Equal(HttpStatusCode.Unauthorized, Post(ready, null));
        Assert.Equal(HttpStatusCode.Unauthorized, Post(ready, Sign(Encoding.UTF8.GetBytes(ready), "another-secret")));
        Assert.Equal(HttpStatusCode.Unauthorized, Post(ready.Replace(":", ": "), Sign(Encoding.UTF8.GetBytes(ready))));
        Thread.Sleep(300);

        var rejected = Shell.Run("$listener.Rejected; $listener.Accepted; $job.JobStateInfo.State; $listener | Receive-Job -ErrorAction SilentlyContinue -ErrorVariable e; $e | ForEach-Object FullyQualifiedErrorId");
        Assert.Equal(3, (int)rejected.Output[0].BaseObject);
        Assert.Equal(0, (int)rejected.Output[1].BaseObject);
        Assert.Equal("Running", rejected.Output[2].ToString());
        Assert.Equal(3, rejected.Output.Count(o => o.ToString() == "HourOne.Webhook.InvalidSignature"));
        // No effect: the job did not even ask the service.
        Assert.DoesNotContain(Requests(), r => r.Method == "GET" && r.Path.StartsWith("/hourone/api/v1/videos"));

        // Correctly signed: the job asks at once (the video is still processing, so it keeps running).
        Assert.Equal(HttpStatusCode.OK, Post(ready, Sign(Encoding.UTF8.GetBytes(ready))));
        WaitFor(() => Requests().Any(r => r.Method == "GET" && r.Path.StartsWith("/hourone/api/v1/videos")), TimeSpan.FromSeconds(10));
        Assert.Equal("Running", Shell.Run("$job.JobStateInfo.State").Output.Single().ToString());
    }

    [Fact]
    public void ConvertFrom_WebhookEvent_verifies_the_raw_bytes_with_the_signing_secret()
    {
        var body = Encoding.UTF8.GetBytes("{\"event_name\":\"video.failed\",\"data\":{\"id\":\"vid-42\",\"req_id\":\"r1\",\"draft_id\":\"demo-draft\",\"status\":\"failed\"}}");
        Shell.SetVariable("raw", body);
        Shell.SetVariable("signature", Sign(body));
        var converted = Shell.Run($"ConvertFrom-WebhookEvent -Service HourOne -SigningSecret '{Secret}' -RawBody $raw -Headers @{{ 'x-hourone-signature' = $signature }}").ThrowOnError().Output.Single();
        Assert.Equal("HourOne", converted.Properties["Service"].Value);
        Assert.Equal("video.failed", converted.Properties["EventType"].Value);
        Assert.Equal("vid-42", converted.Properties["Id"].Value);
        Assert.Equal("failed", converted.Properties["Status"].Value);

        var forged = Shell.Run("ConvertFrom-WebhookEvent -Service HourOne -SigningSecret 'not-it' -RawBody $raw -Headers @{ 'x-hourone-signature' = $signature }");
        Assert.Equal("HourOne.Webhook.InvalidSignature,AnimationTools.Core.Commands.ConvertFromWebhookEvent", forged.Errors.Single().FullyQualifiedErrorId);
        Assert.Empty(forged.Output);

        var noSecret = Shell.Run("ConvertFrom-WebhookEvent -Service HourOne -RawBody $raw -Headers @{ 'x-hourone-signature' = $signature }");
        Assert.StartsWith("HourOne.MissingSigningSecret", noSecret.Errors.Single().FullyQualifiedErrorId);
    }
}
