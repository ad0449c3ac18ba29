using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using AnimationTools.Tests.Infrastructure;

namespace AnimationTools.Tests.Teleport;

/// <summary>
/// Start-WebhookListener -Service Teleport: HMAC-SHA256 over the raw bytes checked before anything is parsed, forgeries
/// refused, and a verified event making the capture's job look at the service at once.
/// </summary>
public sealed class TeleportListenerTests : TeleportCmdletTestBase
{
    const string Secret = "whsec_listener_test";

    readonly int _port = TeleportPipelineTests.FreePort();

    public TeleportListenerTests(EmulatorFixture emulator) : base(emulator)
    {
    }

    string Prefix => $"http://127.0.0.1:{_port}/hooks/";

    static string Sign(byte[] body, string secret = Secret) => Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    HttpStatusCode Post(string body, string signature)
    {
        using var http = new HttpClient();
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (signature != null) content.Headers.Add("X-Teleport-Signature", signature);
        return http.PostAsync(Prefix, content).GetAwaiter().GetResult().StatusCode;
    }

    [Fact]
    public void A_verified_event_completes_the_job_long_before_its_next_poll()
    {
        Emulator.Server.State.Teleport.SetWebhook(Prefix, Secret);
        // Polls 30 s apart, and only every 10 minutes while the listener runs: only the event can finish it in time.
        Shell.Run("Connect-Teleport -Credential $cred -Endpoint $endpoint -TokenEndpoint $tokenEndpoint -PollIntervalSeconds 30").ThrowOnError();
        Shell.Run($"$listener = Start-WebhookListener -Service Teleport -SigningSecret '{Secret}' -Prefix '{Prefix}' -FallbackPollSeconds 600").ThrowOnError();

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var result = Shell.Run("$job = New-TeleportCapture ./clip.mp4; $null = $job | Wait-Job -Timeout 20; $job.JobStateInfo.State; $job | Receive-Job").ThrowOnError();
        Assert.Equal("Completed", result.Output[0].ToString());
        Assert.Equal("READY", result.Output[1].Properties["State"].Value);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), $"took {watch.Elapsed}");

        var events = Shell.Run("$listener | Receive-Job").ThrowOnError().Output;
        var received = events.Single();
        Assert.Equal("Teleport", received.Properties["Service"].Value);
        Assert.Equal("capture.ready", received.Properties["EventType"].Value);
        Assert.Equal(result.Output[1].Properties["Eid"].Value, received.Properties["Id"].Value);
        // The job asked the service after the event: one list request besides those of the upload.
        Assert.Contains(Requests(), r => r.Method == "GET" && r.Path == "/teleport/api/v1/captures");
    }

    [Fact]
    public void A_forged_event_is_refused_and_even_a_signed_one_only_makes_the_job_ask_the_service()
    {
        Configure(new { processingMs = 60_000 });
        Shell.Run("Connect-Teleport -Credential $cred -Endpoint $endpoint -TokenEndpoint $tokenEndpoint -PollIntervalSeconds 30").ThrowOnError();
        Shell.Run($"$listener = Start-WebhookListener -Service Teleport -SigningSecret '{Secret}' -Prefix '{Prefix}' -FallbackPollSeconds 600").ThrowOnError();
        var eid = (string)Shell.Run("$job = New-TeleportCapture ./clip.mp4; $job.Eid").ThrowOnError().Output.Single().BaseObject;
        var ready = $"{{\"eid\":\"{eid}\",\"sid\":\"x\",\"state\":\"READY\"}}";

        Assert.Equal(HttpStatusCode.Unauthorized, Post(ready, null));
        Assert.Equal(HttpStatusCode.Unauthorized, Post(ready, Sign(Encoding.UTF8.GetBytes(ready), "another-secret")));
        // Signed over other bytes (a re-serialised body): refused as well.
        Assert.Equal(HttpStatusCode.Unauthorized, Post(ready.Replace(":", ": "), Sign(Encoding.UTF8.GetBytes(ready))));
        Assert.Equal(HttpStatusCode.BadRequest, Post("not json", Sign(Encoding.UTF8.GetBytes("not json"))));

        var rejected = Shell.Run("$listener.Rejected; $job.JobStateInfo.State; $listener | Receive-Job -ErrorAction SilentlyContinue -ErrorVariable e; $e | ForEach-Object FullyQualifiedErrorId");
        Assert.Equal(4, (int)rejected.Output[0].BaseObject);
        Assert.Equal("Running", rejected.Output[1].ToString());
        Assert.Equal(3, rejected.Output.Count(o => o.ToString() == "Teleport.Webhook.InvalidSignature"));
        Assert.Contains(rejected.Output, o => o.ToString() == "Teleport.Webhook.MalformedEvent");

        // Correctly signed, but the capture is still PROCESSING: the job asks and keeps waiting.
        Emulator.Server.State.Requests.Clear();
        Assert.Equal(HttpStatusCode.OK, Post(ready, Sign(Encoding.UTF8.GetBytes(ready))));
        WaitUntil(() => Requests().Any(r => r.Path == "/teleport/api/v1/captures"), TimeSpan.FromSeconds(10));
        Thread.Sleep(300);
        Assert.Equal("Running", Shell.Run("$job.JobStateInfo.State").Output.Single().ToString());

        // Now it is READY at the service: the next event finishes the job.
        Emulator.Server.State.Teleport.EndProcessing(eid, null);
        var again = ready + " ";
        Assert.Equal(HttpStatusCode.OK, Post(again, Sign(Encoding.UTF8.GetBytes(again))));
        Assert.Equal("Completed", Shell.Run("$null = $job | Wait-Job -Timeout 10; $job.JobStateInfo.State").Output.Single().ToString());
    }

    [Fact]
    public void ConvertFrom_WebhookEvent_verifies_the_raw_bytes_with_the_signing_secret()
    {
        var body = Encoding.UTF8.GetBytes("{ \"eid\": \"hd72kkw82ksa\", \"sid\": \"3f41\", \"state\": \"ERROR\", \"error_reason\": \"NOT_ENOUGH_FRAMES\", \"note\": \"café\" }");
        Shell.SetVariable("raw", body);
        Shell.SetVariable("signature", Sign(body));
        var converted = Shell.Run($"ConvertFrom-WebhookEvent -Service Teleport -SigningSecret '{Secret}' -RawBody $raw -Headers @{{ 'X-Teleport-Signature' = $signature }}").ThrowOnError().Output.Single();
        Assert.Equal("Teleport", converted.Properties["Service"].Value);
        Assert.Equal("capture.error", converted.Properties["EventType"].Value);
        Assert.Equal("hd72kkw82ksa", converted.Properties["Id"].Value);
        Assert.Equal("NOT_ENOUGH_FRAMES", converted.Properties["ErrorReason"].Value);

        var asText = Shell.Run($"ConvertFrom-WebhookEvent -Service Teleport -SigningSecret (ConvertTo-SecureString '{Secret}' -AsPlainText -Force) -Body ([Text.Encoding]::UTF8.GetString($raw)) -Headers @{{ 'X-Teleport-Signature' = $signature }}").ThrowOnError();
        Assert.Equal("hd72kkw82ksa", asText.Output.Single().Properties["Eid"].Value);

        var forged = Shell.Run($"ConvertFrom-WebhookEvent -Service Teleport -SigningSecret 'not-it' -RawBody $raw -Headers @{{ 'X-Teleport-Signature' = $signature }}");
        Assert.Equal("Teleport.Webhook.InvalidSignature,AnimationTools.Core.Commands.ConvertFromWebhookEvent", forged.Errors.Single().FullyQualifiedErrorId);
        Assert.Empty(forged.Output);

        var noSecret = Shell.Run("ConvertFrom-WebhookEvent -Service Teleport -RawBody $raw -Headers @{ 'X-Teleport-Signature' = $signature }");
        Assert.StartsWith("Teleport.MissingSigningSecret", noSecret.Errors.Single().FullyQualifiedErrorId);
    }

    [Fact]
    public void DeepMotion_events_have_Service_EventType_and_Id_too_and_stay_the_default()
    {
        var body = "{\"eventType\":\"job.completed\",\"data\":{\"taskId\":\"1795448733-3013642876-3610\",\"status\":\"success\"}}";
        var converted = Shell.Run($"ConvertFrom-WebhookEvent -ClientId demo -Body '{body}' -Headers @{{ 'X-DeepMotion-Signature' = 'demo' }}").ThrowOnError().Output.Single();
        Assert.Equal("DeepMotion", converted.Properties["Service"].Value);
        Assert.Equal("job.completed", converted.Properties["EventType"].Value);
        Assert.Equal("1795448733-3013642876-3610", converted.Properties["Id"].Value);
        Assert.Equal(converted.Properties["Rid"].Value, converted.Properties["Id"].Value);

        var mixed = Shell.Run($"ConvertFrom-WebhookEvent -ClientId demo -SigningSecret x -Body '{body}' -Headers @{{ 'X-DeepMotion-Signature' = 'demo' }}");
        Assert.StartsWith("DeepMotion.InvalidParameter.SigningSecret", mixed.Errors.Single().FullyQualifiedErrorId);
    }
}
