using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AnimationTools.Tests.Infrastructure;

namespace AnimationTools.Tests.HourOne;

/// <summary>video.ready / video.failed delivered to webhooks registered through the control API, signed over the raw body.</summary>
public sealed class HourOneWebhookTests : HourOneTestBase
{
    public HourOneWebhookTests(EmulatorFixture emulator) : base(emulator) { }

    static string Hmac(string secret, byte[] body) => Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    JsonElement Register(string url, string secret = null, string[] events = null)
    {
        using var response = Anonymous.PostAsync(Emulator.Server.ControlUrl + "/hourone/webhooks",
            new StringContent(JsonSerializer.Serialize(new { url, signingSecret = secret, events }), Encoding.UTF8, "application/json")).GetAwaiter().GetResult();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return ParseJson(response.Content.ReadAsStringAsync().GetAwaiter().GetResult());
    }

    [Fact]
    public void A_ready_video_is_announced_with_an_hmac_of_the_raw_body()
    {
        using var receiver = new WebhookReceiver();
        var webhook = Register(receiver.Url, "whsec-test-secret");
        Assert.Equal("whsec-test-secret", webhook.GetProperty("signingSecret").GetString());

        var video = CreateVideo();
        var hit = receiver.Next(TimeSpan.FromSeconds(10));

        Assert.Equal("application/json", hit.ContentType);
        var signature = hit.Headers["x-hourone-signature"];
        Assert.Matches("^[0-9a-f]{64}$", signature);
        Assert.Equal(Hmac("whsec-test-secret", hit.Body), signature);
        Assert.NotEqual(Hmac("another-secret", hit.Body), signature);

        var expected = $$$"""{"event_name":"video.ready","data":{"id":"{{{video.GetProperty("id").GetString()}}}","req_id":"{{{video.GetProperty("req_id").GetString()}}}","draft_id":"{{{video.GetProperty("draft_id").GetString()}}}","status":"ready"}}""";
        Assert.Equal(expected, Encoding.UTF8.GetString(hit.Body));
        Assert.Equal("ready", GetVideo(video.GetProperty("id").GetString()).GetProperty("status").GetString());

        // One event per video, and the attempt is in the delivery log with what was sent.
        Thread.Sleep(300);
        Assert.Equal(0, receiver.Pending);
        var delivery = Emulator.ControlGet("hourone/webhook-deliveries").EnumerateArray().Single();
        Assert.Equal(200, delivery.GetProperty("status").GetInt32());
        Assert.Equal(signature, delivery.GetProperty("signature").GetString());
        Assert.Equal(expected, delivery.GetProperty("body").GetString());
    }

    [Fact]
    public void A_failed_or_stopped_video_is_announced_as_video_failed_to_subscribers_only()
    {
        using var both = new WebhookReceiver();
        using var readyOnly = new WebhookReceiver();
        var secret = Register(both.Url).GetProperty("signingSecret").GetString();
        Register(readyOnly.Url, "s2", ["video.ready"]);

        NextVideo(new { outcome = "failed", endAtPercent = 0 });
        var failed = CreateVideo().GetProperty("id").GetString();
        var hit = both.Next(TimeSpan.FromSeconds(10));
        Assert.Equal(Hmac(secret, hit.Body), hit.Headers["x-hourone-signature"]);
        var body = ParseJson(Encoding.UTF8.GetString(hit.Body));
        Assert.Equal("video.failed", body.GetProperty("event_name").GetString());
        Assert.Equal(failed, body.GetProperty("data").GetProperty("id").GetString());
        Assert.Equal("failed", body.GetProperty("data").GetProperty("status").GetString());

        Emulator.Control("hourone/config", new { processingMs = 5000 });
        var stopped = CreateVideo().GetProperty("id").GetString();
        Emulator.Control($"hourone/videos/{stopped}/end", new { status = "stopped", reason = "Out of credits" });
        var stop = ParseJson(Encoding.UTF8.GetString(both.Next(TimeSpan.FromSeconds(5)).Body));
        Assert.Equal("video.failed", stop.GetProperty("event_name").GetString());
        Assert.Equal("stopped", stop.GetProperty("data").GetProperty("status").GetString());

        Thread.Sleep(200);
        Assert.Equal(0, readyOnly.Pending);
    }

    [Fact]
    public void A_refused_delivery_is_retried_with_the_same_bytes_and_signature()
    {
        using var receiver = new WebhookReceiver(500, 503);
        var secret = Register(receiver.Url, "retry-secret").GetProperty("signingSecret").GetString();
        CreateVideo();

        var hits = Enumerable.Range(0, 3).Select(_ => receiver.Next(TimeSpan.FromSeconds(10))).ToList();
        Assert.All(hits, h => Assert.Equal(Hmac(secret, h.Body), h.Headers["x-hourone-signature"]));
        Assert.Equal(Encoding.UTF8.GetString(hits[0].Body), Encoding.UTF8.GetString(hits[2].Body));

        WaitUntil(() => Emulator.ControlGet("hourone/webhook-deliveries").GetArrayLength() == 3, TimeSpan.FromSeconds(5));
        var attempts = Emulator.ControlGet("hourone/webhook-deliveries").EnumerateArray().ToList();
        Assert.Equal(new[] { 1, 2, 3 }, attempts.Select(a => a.GetProperty("attempt").GetInt32()));
        Assert.Equal(new[] { 500, 503, 200 }, attempts.Select(a => a.GetProperty("status").GetInt32()));
        Assert.Equal(new[] { false, false, true }, attempts.Select(a => a.GetProperty("succeeded").GetBoolean()));
    }

    [Fact]
    public void A_receiver_that_is_down_gets_the_configured_number_of_attempts()
    {
        Emulator.Control("hourone/config", new { webhookMaxAttempts = 2, webhookBaseDelayMs = 50 });
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Register($"http://127.0.0.1:{port}/down");
        CreateVideo();

        WaitUntil(() => Emulator.ControlGet("hourone/webhook-deliveries").GetArrayLength() == 2, TimeSpan.FromSeconds(10));
        Thread.Sleep(300);
        var attempts = Emulator.ControlGet("hourone/webhook-deliveries").EnumerateArray().ToList();
        Assert.Equal(2, attempts.Count);
        Assert.All(attempts, a => Assert.Equal(JsonValueKind.Null, a.GetProperty("status").ValueKind));
        Assert.All(attempts, a => Assert.False(string.IsNullOrEmpty(a.GetProperty("error").GetString())));
    }

    [Fact]
    public void Webhooks_are_listed_and_removed()
    {
        var id = Register("https://hooks.example.com/hourone").GetProperty("id").GetString();
        Assert.Single(Emulator.ControlGet("hourone/webhooks").EnumerateArray());
        using var response = Anonymous.DeleteAsync(Emulator.Server.ControlUrl + "/hourone/webhooks/" + id).GetAwaiter().GetResult();
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Empty(Emulator.ControlGet("hourone/webhooks").EnumerateArray());
    }

    /// <summary>A loopback HTTP receiver that keeps the raw bytes of every POST and answers the given statuses in turn, then 200.</summary>
    sealed class WebhookReceiver : IDisposable
    {
        readonly HttpListener listener = new();
        readonly BlockingCollection<Hit> hits = new();
        readonly ConcurrentQueue<int> answers;
        readonly Task loop;

        public WebhookReceiver(params int[] answers)
        {
            this.answers = new ConcurrentQueue<int>(answers);
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            Url = $"http://127.0.0.1:{port}/hooks/";
            listener.Prefixes.Add(Url);
            listener.Start();
            loop = Task.Run(ServeAsync);
        }

        public string Url { get; }

        public int Pending => hits.Count;

        public Hit Next(TimeSpan timeout) =>
            hits.TryTake(out var hit, timeout) ? hit : throw new TimeoutException("no webhook request arrived");

        async Task ServeAsync()
        {
            while (listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await listener.GetContextAsync();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                {
                    return;
                }

                using var body = new MemoryStream();
                await context.Request.InputStream.CopyToAsync(body);
                var headers = context.Request.Headers.AllKeys.ToDictionary(k => k!, k => context.Request.Headers[k], StringComparer.OrdinalIgnoreCase);
                hits.Add(new Hit(headers, context.Request.ContentType, body.ToArray()));
                context.Response.StatusCode = answers.TryDequeue(out var status) ? status : 200;
                context.Response.Close();
            }
        }

        public void Dispose()
        {
            listener.Stop();
            listener.Close();
            loop.Wait(TimeSpan.FromSeconds(2));
        }
    }

    sealed record Hit(Dictionary<string, string> Headers, string ContentType, byte[] Body);
}
