using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using AnimationTools.Tests.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;

namespace AnimationTools.Tests.Danim;

/// <summary>Callbacks on DONE (§7.7): a form POST, or a GET with the fields in the query for a <c>+get</c> scheme; retried.</summary>
public sealed class DanimCallbackTests : DanimTestBase
{
    readonly HttpListener _listener = new();
    readonly ConcurrentQueue<(string Method, string Path, Dictionary<string, string> Fields, string ContentType)> _received = new();
    readonly CancellationTokenSource _stop = new();
    readonly Task _loop;
    readonly string _prefix;
    int _failFirst;

    public DanimCallbackTests(EmulatorFixture emulator) : base(emulator)
    {
        _prefix = $"http://127.0.0.1:{FreePort()}/";
        _listener.Prefixes.Add(_prefix);
        _listener.Start();
        _loop = Task.Run(ReceiveAsync);
    }

    static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    async Task ReceiveAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (_stop.IsCancellationRequested || !_listener.IsListening)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream);
            var body = await reader.ReadToEndAsync();
            var fields = QueryHelpers.ParseQuery(context.Request.HttpMethod == "GET" ? context.Request.Url!.Query : "?" + body)
                .ToDictionary(p => p.Key, p => p.Value.ToString());
            _received.Enqueue((context.Request.HttpMethod, context.Request.Url!.AbsolutePath, fields, context.Request.ContentType));
            context.Response.StatusCode = Interlocked.Decrement(ref _failFirst) >= 0 ? 500 : 200;
            context.Response.Close();
        }
    }

    [Fact]
    public void On_DONE_the_callback_url_gets_a_form_POST_with_the_five_fields()
    {
        var id = CreateReview(callbackUrl: _prefix + "webhook/1");
        WaitUntil(() => !_received.IsEmpty, TimeSpan.FromSeconds(10), "callback");
        var (method, path, fields, contentType) = _received.Single();
        Assert.Equal(("POST", "/webhook/1"), (method, path));
        Assert.StartsWith("application/x-www-form-urlencoded", contentType);
        var video = Video(id);
        Assert.Equal("DONE", video.GetProperty("state").GetString());
        Assert.Equal(id, fields["id"]);
        Assert.Equal(video.GetProperty("rawUrl").GetString(), fields["raw_url"]);
        Assert.Equal(video.GetProperty("quicklookUrl").GetString(), fields["raw_quicklook_url"]);
        Assert.Equal(video.GetProperty("thumbnailUrl").GetString(), fields["raw_thumbnail_url"]);
        Assert.Equal(video.GetProperty("playerUrl").GetString(), fields["player_url"]);
        Assert.Equal(5, fields.Count);

        WaitUntil(() => State.CallbackDeliveries().Count == 1, TimeSpan.FromSeconds(5), "delivery record");
        var delivery = State.CallbackDeliveries().Single();
        Assert.Equal((200, true, 1, "POST"), (delivery.Status!.Value, delivery.Succeeded, delivery.Attempt, delivery.Method));
    }

    [Fact]
    public void A_plus_get_scheme_makes_it_a_GET_with_the_fields_in_the_query()
    {
        var callback = _prefix.Replace("http://", "http+get://") + "webhook/2?token=abc";
        var id = CreateReview(callbackUrl: callback);
        WaitUntil(() => !_received.IsEmpty, TimeSpan.FromSeconds(10), "callback");
        var (method, path, fields, _) = _received.Single();
        Assert.Equal(("GET", "/webhook/2"), (method, path));
        Assert.Equal("abc", fields["token"]);
        Assert.Equal(id, fields["id"]);
        Assert.Contains("raw_url", fields.Keys);
        Assert.Contains("player_url", fields.Keys);

        WaitUntil(() => State.CallbackDeliveries().Count == 1, TimeSpan.FromSeconds(5), "delivery record");
        var delivery = State.CallbackDeliveries().Single();
        Assert.Equal(callback, delivery.CallbackUrl);
        Assert.StartsWith(_prefix + "webhook/2?token=abc&id=", delivery.RequestUrl);
    }

    [Fact]
    public void A_failing_receiver_is_called_again_up_to_the_attempt_limit()
    {
        _failFirst = 1;
        CreateReview(callbackUrl: _prefix + "flaky");
        WaitUntil(() => State.CallbackDeliveries().Count == 2, TimeSpan.FromSeconds(10), "two attempts");
        Assert.Equal([(1, 500, false), (2, 200, true)], State.CallbackDeliveries().Select(d => (d.Attempt, d.Status!.Value, d.Succeeded)));

        _failFirst = 10;
        CreateReview(callbackUrl: _prefix + "down");
        WaitUntil(() => State.CallbackDeliveries().Count(d => d.CallbackUrl.EndsWith("down")) == 3, TimeSpan.FromSeconds(10), "three attempts");
        Thread.Sleep(500);
        Assert.Equal(3, State.CallbackDeliveries().Count(d => d.CallbackUrl.EndsWith("down")));
    }

    [Fact]
    public void A_draft_calls_back_only_once_generated_and_a_removed_video_never()
    {
        var draft = CreateReview("DRAFT", callbackUrl: _prefix + "draft");
        Emulator.Control("danim/config", new { pendingMs = 1000 });
        var removed = CreateReview(callbackUrl: _prefix + "removed");
        Data(Post("/write/video/remove", new { video_id = removed }));
        Thread.Sleep(300);
        Assert.True(_received.IsEmpty);

        Emulator.Control("danim/config", new { pendingMs = 50 });
        Data(Post("/write/video/generate", new { video_id = draft }));
        WaitUntil(() => !_received.IsEmpty, TimeSpan.FromSeconds(10), "callback");
        Thread.Sleep(1500);
        Assert.Equal(["/draft"], _received.Select(r => r.Path));
    }

    public override void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
        base.Dispose();
    }
}
