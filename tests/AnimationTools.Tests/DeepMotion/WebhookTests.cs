using System.Management.Automation;
using System.Net;
using System.Net.Sockets;
using System.Text;
using AnimationTools.Tests.Infrastructure;

namespace AnimationTools.Tests;

/// <summary>Webhooks: endpoint management, verification of received events, and jobs completed by events.</summary>
public sealed class WebhookTests : DeepMotionTestBase
{
    public WebhookTests(EmulatorFixture emulator) : base(emulator) { }

    static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    [Fact]
    public void A_job_completes_from_the_webhook_event_not_from_polling()
    {
        Connect();
        var port = FreePort();
        Shell.SetVariable("prefix", $"http://127.0.0.1:{port}/");
        var setup = Shell.Run("""
            $listener = Start-WebhookListener -Prefix $prefix
            $endpoint = New-WebhookEndpoint -Url "$($prefix)hooks" -Event job.completed -WithSecretToken
            $endpoint.Url
            """).ThrowOnError();
        Assert.Contains("token=***", setup.Output.Single().ToString());
        var listenerUpAt = Emulator.Requests().Max(r => r.Seq);

        var result = Shell.Run("""
            $video = Send-Video -LiteralPath $assets/walk.mp4
            $job = $video | Start-AnimationJob -Format bvh
            $null = $job | Wait-Job -Timeout 30
            $job.JobStateInfo.State
            $job | Receive-Job
            $listener | Receive-Job
            """).ThrowOnError();
        Assert.Equal("Completed", result.Output[0].ToString());
        Assert.Equal("AnimationResult", result.Output[1].BaseObject.GetType().Name);
        var evt = result.Output[2];
        Assert.Equal("job.completed", evt.Properties["EventType"].Value);
        Assert.Equal("success", evt.Properties["Status"].Value);
        Assert.Equal(result.Output[1].Properties["Rid"].Value, evt.Properties["Rid"].Value);

        // Completed because of the event, but from the service's answer: the event made the job ask once for its
        // status, and nothing polled before it.
        var delivery = Emulator.ControlGet("deepmotion/webhook-deliveries").EnumerateArray().First();
        Assert.Equal(200, delivery.GetProperty("status").GetInt32());
        var poll = Assert.Single(Emulator.Requests(), r => r.Seq > listenerUpAt && r.Path.StartsWith("/deepmotion/status/"));
        Assert.Equal("/deepmotion/status/" + result.Output[1].Properties["Rid"].Value, poll.Path);
        var finishedAt = Emulator.ControlGet("deepmotion/jobs").EnumerateArray().Single().GetProperty("modifiedAt").GetDateTimeOffset();
        Assert.True(poll.StartedAt >= finishedAt, "the status request came before the job finished, so before its event");

        Shell.Run("$listener | Stop-Job; $listener.JobStateInfo.State").ThrowOnError();
    }

    [Fact]
    public void The_listener_rejects_forged_oversized_and_malformed_events()
    {
        Connect();
        var port = FreePort();
        Shell.SetVariable("prefix", $"http://127.0.0.1:{port}/");
        Shell.Run("$listener = Start-WebhookListener -Prefix $prefix -MaxBodySize 1024").ThrowOnError();
        using var http = new HttpClient();
        var good = """{"eventType":"job.completed","data":{"taskId":"1-2-3","status":"success"}}""";

        HttpStatusCode Post(string body, string signature)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"http://127.0.0.1:{port}/hooks") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            if (signature != null) request.Headers.Add("X-DeepMotion-Signature", signature);
            return http.Send(request).StatusCode;
        }

        Assert.Equal(HttpStatusCode.Unauthorized, Post(good, null));
        Assert.Equal(HttpStatusCode.Unauthorized, Post(good, "someone-else"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, Post(new string('x', 5000), "demo"));
        Assert.Equal(HttpStatusCode.BadRequest, Post("{not json", "demo"));
        Assert.Equal(HttpStatusCode.BadRequest, Post("""{"eventType":"job.completed","data":{"status":"done"}}""", "demo"));
        Assert.Equal(HttpStatusCode.OK, Post(good, "demo"));

        Thread.Sleep(200);
        var result = Shell.Run("$listener | Receive-Job; $listener.Rejected; $listener | Stop-Job");
        var ids = result.Errors.Select(e => e.FullyQualifiedErrorId.Split(',')[0]).ToList();
        Assert.Equal(new[] { "DeepMotion.Webhook.InvalidSignature", "DeepMotion.Webhook.InvalidSignature", "AnimationTools.Webhook.BodyTooLarge", "DeepMotion.Webhook.MalformedEvent", "DeepMotion.Webhook.MalformedEvent" }, ids);
        Assert.All(result.Errors.Take(2), e => Assert.Equal(ErrorCategory.SecurityError, e.CategoryInfo.Category));
        Assert.Single(result.Output, o => o.BaseObject.GetType().Name == "DeepMotionWebhookEvent");
        Assert.Equal(5, result.Output.Single(o => o.BaseObject is int).BaseObject);
    }

    [Fact]
    public void The_secret_token_in_the_url_is_required_once_registered()
    {
        Connect();
        Shell.Run("$endpoint = New-WebhookEndpoint -Url https://hooks.example.com/deepmotion -WithSecretToken").ThrowOnError();
        var headers = new System.Collections.Hashtable { ["X-DeepMotion-Signature"] = "demo" };
        Shell.SetVariable("headers", headers);
        Shell.SetVariable("body", """{"eventType":"job.completed","data":{"taskId":"1-2-3","status":"failure"}}""");

        var withoutToken = Shell.Run("ConvertFrom-WebhookEvent -Body $body -Headers $headers -Url 'https://hooks.example.com/deepmotion'");
        Assert.StartsWith("DeepMotion.Webhook.InvalidToken", Assert.Single(withoutToken.Errors).FullyQualifiedErrorId);
        Assert.Empty(withoutToken.Output);

        // A receiver elsewhere gets the token as a SecureString from the endpoint object.
        var token = Shell.Run("[System.Net.NetworkCredential]::new('', $endpoint.GetSecretToken()).Password").ThrowOnError().Output.Single().ToString();
        Shell.SetVariable("url", "https://hooks.example.com/deepmotion?token=" + token);
        var withToken = Shell.Run("ConvertFrom-WebhookEvent -Body $body -Headers $headers -Url $url").ThrowOnError();
        Assert.Equal("failure", withToken.Output.Single().Properties["Status"].Value);
        Assert.DoesNotContain(token, withToken.AllText());
    }

    [Fact]
    public void ConvertFrom_WebhookEvent_checks_the_signature_in_any_process()
    {
        Shell.SetVariable("body", """{"eventType":"job.completed","data":{"taskId":"9-9-9","status":"success"}}""");
        var result = Shell.Run("""
            ConvertFrom-WebhookEvent -Body $body -Headers @{ 'X-DeepMotion-Signature' = 'demo' } -ClientId demo
            ConvertFrom-WebhookEvent -Body $body -Headers @{ 'X-DeepMotion-Signature' = 'demo2' } -ClientId demo
            ConvertFrom-WebhookEvent -Body ('x' * 2000) -Headers @{ 'X-DeepMotion-Signature' = 'demo' } -ClientId demo -MaxBodySize 1024
            ConvertFrom-WebhookEvent -Body '[1,2]' -Headers @{ 'X-DeepMotion-Signature' = 'demo' } -ClientId demo
            """);
        Assert.Equal("9-9-9", Assert.Single(result.Output).Properties["Rid"].Value);
        Assert.Equal(new[] { "DeepMotion.Webhook.InvalidSignature", "DeepMotion.Webhook.BodyTooLarge", "DeepMotion.Webhook.MalformedEvent" },
            result.Errors.Select(e => e.FullyQualifiedErrorId.Split(',')[0]).ToArray());
        Assert.Equal(ErrorCategory.LimitsExceeded, result.Errors[1].CategoryInfo.Category);
    }

    [Fact]
    public void Endpoints_are_created_listed_updated_and_removed()
    {
        Connect();
        var result = Shell.Run("""
            $e = New-WebhookEndpoint -Url https://hooks.example.com/a -Event job.completed
            (Get-WebhookEndpoint).Count
            (Get-WebhookEndpoint -Id $e.Id).Url
            (Set-WebhookEndpoint -Id $e.Id -Url https://hooks.example.com/b).Url
            $e | Remove-WebhookEndpoint -Confirm:$false
            (Get-WebhookEndpoint).Count
            """).ThrowOnError();
        Assert.Equal(1, result.Output[0].BaseObject);
        Assert.Equal("https://hooks.example.com/a", result.Output[1].ToString());
        Assert.Equal("https://hooks.example.com/b", result.Output[2].ToString());
        Assert.Equal(0, result.Output[3].BaseObject);
        Assert.Contains(Emulator.Requests(), r => r.Method == "POST" && r.Path.Contains("/webhook_endpoints/"));
    }

    [Theory]
    [InlineData("http://hooks.example.com/a", "DeepMotion.InsecureEndpoint")]
    [InlineData("hooks/a", "DeepMotion.InvalidEndpoint")]
    [InlineData("https://hooks.example.com/a -Event job.started", "ParameterArgumentValidationError")]
    public void Bad_webhook_urls_and_events_fail_before_any_request(string arguments, string errorId)
    {
        Connect();
        var before = Emulator.Requests().Count;
        var result = Shell.Run($"New-WebhookEndpoint -Url {arguments}");
        Assert.StartsWith(errorId, Assert.Single(result.Errors).FullyQualifiedErrorId);
        Assert.Equal(before, Emulator.Requests().Count);
    }
}
