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

    /// <summary>A listener on a free port with an endpoint pointing at it; returns the URL a token-valid sender posts to.</summary>
    string ListenWithEndpoint(int port, string extra = "")
    {
        Shell.SetVariable("prefix", $"http://127.0.0.1:{port}/");
        Shell.Run($$"""
            $listener = Start-WebhookListener -Prefix $prefix {{extra}}
            $endpoint = New-WebhookEndpoint -Url "$($prefix)hooks" -Event job.completed -WithSecretToken
            """).ThrowOnError();
        var token = Shell.Run("[System.Net.NetworkCredential]::new('', $endpoint.GetSecretToken()).Password").ThrowOnError().Output.Single().ToString();
        return $"http://127.0.0.1:{port}/hooks?token={Uri.EscapeDataString(token)}";
    }

    static HttpStatusCode PostEvent(HttpClient http, string url, string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-DeepMotion-Signature", "demo");
        using var response = http.Send(request);
        return response.StatusCode;
    }

    [Theory]
    [InlineData("failure")]
    [InlineData("success")]
    public void A_token_valid_event_is_a_hint_the_service_decides_the_outcome(string claimed)
    {
        Connect();
        Emulator.Control("deepmotion/config", new { jobDurationMs = 4000 });
        var url = ListenWithEndpoint(FreePort());
        var rid = Shell.Run("""
            $job = Send-Video -LiteralPath $assets/walk.mp4 | Start-AnimationJob -Format bvh
            $job.Rid
            """).ThrowOnError().Output.Single().ToString();

        using var http = new HttpClient();
        var forgedAt = Emulator.Requests().Max(r => r.Seq);
        Assert.Equal(HttpStatusCode.OK, PostEvent(http, url, $$$"""{"eventType":"job.completed","data":{"taskId":"{{{rid}}}","status":"{{{claimed}}}"}}"""));

        // The job asked the service, which says PROGRESS: it keeps running.
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (!Emulator.Requests().Any(r => r.Seq > forgedAt && r.Path == "/deepmotion/status/" + rid) && DateTime.UtcNow < deadline) Thread.Sleep(20);
        Assert.Contains(Emulator.Requests(), r => r.Seq > forgedAt && r.Path == "/deepmotion/status/" + rid);
        Thread.Sleep(300);
        var during = Shell.Run("$job.JobStateInfo.State; $job.RemoteStatus").ThrowOnError();
        Assert.Equal(new[] { "Running", "PROGRESS" }, during.Output.Select(o => o.ToString()).ToArray());

        // When the work really ends, the job completes as the service says.
        var after = Shell.Run("""
            $null = $job | Wait-Job -Timeout 30
            $job.JobStateInfo.State
            ($job | Receive-Job).Rid
            """).ThrowOnError();
        Assert.Equal(new[] { "Completed", rid }, after.Output.Select(o => o.ToString()).ToArray());
    }

    [Fact]
    public void Slow_senders_neither_delay_a_valid_event_nor_keep_their_connections()
    {
        Connect();
        var port = FreePort();
        Shell.SetVariable("prefix", $"http://127.0.0.1:{port}/");
        Shell.Run("$listener = Start-WebhookListener -Prefix $prefix").ThrowOnError();

        // 50 senders that send their headers, then trickle a body that would take minutes.
        var slow = new List<TcpClient>();
        var streams = new List<NetworkStream>();
        var head = Encoding.ASCII.GetBytes($"POST /hooks HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\n" +
            "X-DeepMotion-Signature: demo\r\nContent-Length: 60000\r\n\r\n{");
        for (var i = 0; i < 50; i++)
        {
            var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            var stream = client.GetStream();
            stream.Write(head);
            slow.Add(client);
            streams.Add(stream);
        }
        using var trickling = new CancellationTokenSource();
        var trickle = new Thread(() =>
        {
            while (!trickling.IsCancellationRequested)
            {
                foreach (var stream in streams)
                {
                    try { stream.Write(" "u8); } catch (Exception) { }
                }
                Thread.Sleep(200);
            }
        }) { IsBackground = true };
        trickle.Start();
        Thread.Sleep(500);

        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            var clock = System.Diagnostics.Stopwatch.StartNew();
            Assert.Equal(HttpStatusCode.OK, PostEvent(http, $"http://127.0.0.1:{port}/hooks", """{"eventType":"job.completed","data":{"taskId":"7-7-7","status":"success"}}"""));
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"a valid event waited {clock.Elapsed} behind slow senders");

            // Every slow sender is cut off (408, then the connection closes) within the read deadline.
            var closedBy = DateTime.UtcNow.AddSeconds(12);
            for (var i = 0; i < slow.Count; i++)
            {
                slow[i].ReceiveTimeout = Math.Max(1, (int)(closedBy - DateTime.UtcNow).TotalMilliseconds);
                var answer = new MemoryStream();
                var buffer = new byte[1024];
                try
                {
                    int read;
                    while ((read = streams[i].Read(buffer)) > 0) answer.Write(buffer, 0, read);
                }
                catch (IOException ex) when (ex.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionReset })
                {
                }
                Assert.True(DateTime.UtcNow < closedBy, "a slow sender's connection stayed open");
                var text = Encoding.ASCII.GetString(answer.ToArray());
                Assert.True(text.Length == 0 || text.StartsWith("HTTP/1.1 408"), text);
            }
        }
        finally
        {
            trickling.Cancel();
            slow.ForEach(c => c.Dispose());
        }

        // The rejections are recorded as the deliveries end, a moment after their connections closed.
        var recorded = DateTime.UtcNow.AddSeconds(5);
        while (Shell.Run("$listener.Rejected").Output.Single().BaseObject is int n && n < 50 && DateTime.UtcNow < recorded) Thread.Sleep(50);
        var result = Shell.Run("$listener | Receive-Job; $listener.Rejected; $listener | Stop-Job");
        Assert.Equal("7-7-7", Assert.Single(result.Output, o => o.BaseObject.GetType().Name == "DeepMotionWebhookEvent").Properties["Rid"].Value);
        var ids = result.Errors.Select(e => e.FullyQualifiedErrorId.Split(',')[0]).ToList();
        Assert.True(ids.Count(i => i == "AnimationTools.Webhook.ReadTimeout") == 50,
            $"rejected {result.Output.LastOrDefault(o => o.BaseObject is int)}, errors: {string.Join(", ", ids.GroupBy(i => i).Select(g => g.Key + " x" + g.Count()))}");
    }

    [Fact]
    public void An_oversized_chunked_body_is_cut_off()
    {
        Connect();
        var port = FreePort();
        Shell.SetVariable("prefix", $"http://127.0.0.1:{port}/");
        Shell.Run("$listener = Start-WebhookListener -Prefix $prefix -MaxBodySize 1024").ThrowOnError();
        using var client = new TcpClient();
        client.Connect(IPAddress.Loopback, port);
        client.ReceiveTimeout = 10000;
        var stream = client.GetStream();
        stream.Write(Encoding.ASCII.GetBytes($"POST /hooks HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nX-DeepMotion-Signature: demo\r\nTransfer-Encoding: chunked\r\n\r\n"));
        var chunk = Encoding.ASCII.GetBytes("400\r\n" + new string('x', 1024) + "\r\n");
        try
        {
            for (var i = 0; i < 4; i++) stream.Write(chunk);
        }
        catch (IOException)
        {
        }
        var answer = new MemoryStream();
        try
        {
            stream.CopyTo(answer);
        }
        catch (IOException ex) when (ex.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionReset })
        {
        }
        Assert.StartsWith("HTTP/1.1 413", Encoding.ASCII.GetString(answer.ToArray()));
    }

    [Fact]
    public void A_replayed_event_is_acknowledged_but_not_passed_on_twice()
    {
        Connect();
        var url = ListenWithEndpoint(FreePort());
        var result = Shell.Run("""
            $job = Send-Video -LiteralPath $assets/walk.mp4 | Start-AnimationJob -Format bvh
            $null = $job | Wait-Job -Timeout 30
            $job.JobStateInfo.State
            $job.Rid
            """).ThrowOnError();
        Assert.Equal("Completed", result.Output[0].ToString());
        var rid = result.Output[1].ToString();
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (Shell.Run("@($listener.Output).Count").Output.Single().BaseObject is 0 && DateTime.UtcNow < deadline) Thread.Sleep(50);

        using var http = new HttpClient();
        // The sender's retry of the same body, and a copy spelled differently, of an event already applied.
        var same = $$$"""{"eventType":"job.completed","data":{"taskId":"{{{rid}}}","status":"success"}}""";
        Assert.Equal(HttpStatusCode.OK, PostEvent(http, url, same));
        Assert.Equal(HttpStatusCode.OK, PostEvent(http, url, $$"""{ "eventType": "job.completed", "data": { "status": "success", "taskId": "{{rid}}" } }"""));
        // Foreign events are passed on once each.
        var foreign = """{"eventType":"job.completed","data":{"taskId":"8-8-8","status":"failure"}}""";
        Assert.Equal(HttpStatusCode.OK, PostEvent(http, url, foreign));
        Assert.Equal(HttpStatusCode.OK, PostEvent(http, url, foreign));
        Thread.Sleep(300);

        var events = Shell.Run("$listener | Receive-Job").ThrowOnError();
        Assert.Equal(new[] { rid, "8-8-8" }, events.Output.Select(o => o.Properties["Rid"].Value.ToString()).ToArray());
        Assert.Equal(3, Shell.Run("$listener.Replayed").ThrowOnError().Output.Single().BaseObject);
    }
}
