using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AnimationTools.Tests.Infrastructure;

namespace AnimationTools.Tests.Emulator;

/// <summary>
/// The emulator's fault modes, driven through <c>POST /_emulator/faults</c> as a test in any language would, and seen
/// from a plain HttpClient: lost and replaced answers after the handler acted, replaced bodies, cut and stalled bodies,
/// late headers, and their bounds.
/// </summary>
[Collection(EmulatorCollection.Name)]
public sealed class FaultModeTests : IDisposable
{
    readonly EmulatorFixture _emulator;
    readonly HttpClient _http = new(new SocketsHttpHandler { UseProxy = false });

    public FaultModeTests(EmulatorFixture emulator)
    {
        _emulator = emulator;
        _emulator.Reset();
    }

    string Avatar => _emulator.AvatarSdkUrl;

    /// <summary>Registers a fault from JSON text, as the documented curl examples do.</summary>
    string AddFault(string json)
    {
        using var response = _http.PostAsync(_emulator.Server.ControlUrl + "/faults", new StringContent(json, Encoding.UTF8, "application/json")).GetAwaiter().GetResult();
        var text = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetString();
    }

    HttpRequestMessage TokenRequest()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Avatar + "/o/token/")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials" }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.ASCII.GetBytes("demo:demo-secret")));
        return request;
    }

    int TokensIssued() => _emulator.ControlGet("avatarsdk/tokens").GetProperty("issued").GetInt32();

    /// <summary>GET /avatarsdk/avatars/ with a token, over 40 seeded avatars: a JSON array of some 20 KB.</summary>
    HttpRequestMessage ListRequest(string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, Avatar + "/avatars/");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    string NewToken()
    {
        using var response = _http.Send(TokenRequest());
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(response.Content.ReadAsStringAsync().GetAwaiter().GetResult()).RootElement.GetProperty("access_token").GetString();
    }

    (string Token, byte[] Body) SeededList()
    {
        _emulator.Server.State.AvatarSdk.SeedAvatars(40, "demo", null, null, null, null, null);
        var token = NewToken();
        using var response = _http.Send(ListRequest(token));
        response.EnsureSuccessStatusCode();
        return (token, response.Content.ReadAsByteArrayAsync().GetAwaiter().GetResult());
    }

    [Fact]
    public void Status_answers_without_running_the_handler()
    {
        AddFault("""{"path":"^/avatarsdk/o/token/$","kind":"status","status":429,"retryAfter":3,"body":"slow down","contentType":"text/plain","headers":{"X-RateLimit-Remaining":"0"}}""");
        using var response = _http.Send(TokenRequest());
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("slow down", response.Content.ReadAsStringAsync().GetAwaiter().GetResult());
        Assert.Equal("text/plain", response.Content.Headers.ContentType.MediaType);
        Assert.Equal(TimeSpan.FromSeconds(3), response.Headers.RetryAfter.Delta);
        Assert.Equal("0", response.Headers.GetValues("X-RateLimit-Remaining").Single());
        Assert.Equal(0, TokensIssued());
        Assert.Equal(429, _emulator.Requests("avatarsdk").Single().Status);
    }

    [Fact]
    public void ReplaceStatus_answers_the_given_status_after_the_handler_acted()
    {
        AddFault("""{"service":"avatarsdk","method":"POST","path":"^/avatarsdk/o/token/$","kind":"replaceStatus","status":502}""");
        using var response = _http.Send(TokenRequest());
        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("""{"message":"injected"}""", response.Content.ReadAsStringAsync().GetAwaiter().GetResult());
        Assert.Null(response.Headers.CacheControl);
        // The token was issued: the client only lost the answer.
        Assert.Equal(1, TokensIssued());

        var logged = _emulator.Requests("avatarsdk").Single();
        Assert.Equal(200, logged.Status);
        Assert.Equal(502, logged.SentStatus);
        Assert.Equal(AnimationTools.Emulator.Infrastructure.FaultKind.ReplaceStatus, logged.Fault);
        Assert.False(logged.Aborted);
    }

    [Fact]
    public void ReplaceStatus_can_send_an_HTML_page_with_headers()
    {
        AddFault("""
            {"path":"^/avatarsdk/o/token/$","kind":"replaceStatus","status":503,"retryAfter":7,
             "body":"<html><body>Service Unavailable</body></html>","contentType":"text/html","headers":{"X-Cache":"MISS"}}
            """);
        using var response = _http.Send(TokenRequest());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType.MediaType);
        Assert.Equal("<html><body>Service Unavailable</body></html>", response.Content.ReadAsStringAsync().GetAwaiter().GetResult());
        Assert.Equal(TimeSpan.FromSeconds(7), response.Headers.RetryAfter.Delta);
        Assert.Equal("MISS", response.Headers.GetValues("X-Cache").Single());
        Assert.Equal(1, TokensIssued());
    }

    [Fact]
    public void LostResponse_aborts_the_connection_after_the_handler_acted()
    {
        AddFault("""{"path":"^/avatarsdk/o/token/$","kind":"lostResponse"}""");
        Assert.ThrowsAny<HttpRequestException>(() => _http.Send(TokenRequest()));
        Assert.Equal(1, TokensIssued());
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (!_emulator.Requests("avatarsdk").Single().Aborted && DateTime.UtcNow < deadline) Thread.Sleep(20);
        Assert.True(_emulator.Requests("avatarsdk").Single().Aborted);
    }

    [Fact]
    public void ReplaceBody_sends_the_given_body_and_content_type_with_the_handlers_status()
    {
        AddFault("""{"path":"^/avatarsdk/o/token/$","kind":"replaceBody","body":"{\"access_token\": \"abc","contentType":"application/json; charset=utf-8"}""");
        using var response = _http.Send(TokenRequest());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType.MediaType);
        Assert.Equal("{\"access_token\": \"abc", response.Content.ReadAsStringAsync().GetAwaiter().GetResult());
        Assert.Equal(1, TokensIssued());
        Assert.Null(_emulator.Requests("avatarsdk").Single().SentStatus);
    }

    [Fact]
    public void ReplaceBody_repeats_a_body_into_a_huge_one()
    {
        AddFault("""{"path":"^/avatarsdk/o/token/$","kind":"replaceBody","body":"0123456789","repeat":1000000,"status":201}""");
        using var response = _http.Send(TokenRequest(), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(10_000_000, response.Content.Headers.ContentLength);
        var body = response.Content.ReadAsByteArrayAsync().GetAwaiter().GetResult();
        Assert.Equal(10_000_000, body.Length);
        Assert.Equal((byte)'9', body[^1]);
        var logged = _emulator.Requests("avatarsdk").Single();
        Assert.Equal((200, 201), (logged.Status, logged.SentStatus));
    }

    [Fact]
    public void ReplaceBody_patches_fields_of_the_real_answer()
    {
        var (token, _) = SeededList();
        AddFault("""{"method":"GET","path":"^/avatarsdk/avatars/$","kind":"replaceBody","patch":{"/*/status":"EXPLODED","/0/progress":"half","/1/code":null}}""");
        using var response = _http.Send(ListRequest(token));
        var list = JsonDocument.Parse(response.Content.ReadAsStringAsync().GetAwaiter().GetResult()).RootElement;
        Assert.Equal(40, list.GetArrayLength());
        Assert.All(list.EnumerateArray(), a => Assert.Equal("EXPLODED", a.GetProperty("status").GetString()));
        Assert.Equal("half", list[0].GetProperty("progress").GetString());
        Assert.Equal(JsonValueKind.Null, list[1].GetProperty("code").ValueKind);
        Assert.Equal(JsonValueKind.String, list[2].GetProperty("code").ValueKind);
        Assert.Equal("application/json", response.Content.Headers.ContentType.MediaType);
    }

    [Fact]
    public void CutBody_sends_the_headers_and_N_bytes_then_aborts()
    {
        var (token, full) = SeededList();
        AddFault("""{"method":"GET","path":"^/avatarsdk/avatars/$","kind":"cutBody","afterBytes":1000}""");
        using var response = _http.Send(ListRequest(token), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(full.Length, response.Content.Headers.ContentLength);
        using var stream = response.Content.ReadAsStream();
        var received = new MemoryStream();
        var error = Record.Exception(() => stream.CopyTo(received));
        Assert.IsAssignableFrom<IOException>(error);
        Assert.Equal(full.Take(1000).ToArray(), received.ToArray());
        // The log entry is completed when the handler's side ends, a moment after the client saw the break.
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (!_emulator.Requests("avatarsdk").Last().Aborted && DateTime.UtcNow < deadline) Thread.Sleep(20);
        Assert.True(_emulator.Requests("avatarsdk").Last().Aborted);
    }

    [Fact]
    public void StallBody_pauses_after_N_bytes_then_sends_the_rest()
    {
        var (token, full) = SeededList();
        AddFault("""{"method":"GET","path":"^/avatarsdk/avatars/$","kind":"stallBody","afterBytes":1000,"delayMs":1500}""");
        var clock = Stopwatch.StartNew();
        using var response = _http.Send(ListRequest(token), HttpCompletionOption.ResponseHeadersRead);
        using var stream = response.Content.ReadAsStream();
        var head = new byte[1000];
        stream.ReadExactly(head);
        var headAt = clock.Elapsed;
        var rest = new MemoryStream();
        stream.CopyTo(rest);
        var restAt = clock.Elapsed;

        Assert.True(headAt < TimeSpan.FromSeconds(1), $"the first bytes took {headAt}");
        Assert.True(restAt - headAt >= TimeSpan.FromSeconds(1.4), $"the stall lasted {restAt - headAt}");
        Assert.Equal(full, head.Concat(rest.ToArray()).ToArray());
    }

    [Fact]
    public void DelayHeaders_holds_the_answer_after_the_handler_acted()
    {
        AddFault("""{"path":"^/avatarsdk/o/token/$","kind":"delayHeaders","delayMs":1500,"count":2}""");
        using (var impatient = new HttpClient { Timeout = TimeSpan.FromMilliseconds(500) })
        {
            Assert.ThrowsAny<TaskCanceledException>(() => impatient.Send(TokenRequest()));
        }
        // The handler ran at once: the token exists although the client gave up before the headers came.
        Assert.Equal(1, TokensIssued());

        var clock = Stopwatch.StartNew();
        using var response = _http.Send(TokenRequest());
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(1.4), $"headers after {clock.Elapsed}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("access_token", response.Content.ReadAsStringAsync().GetAwaiter().GetResult());
    }

    [Fact]
    public void Faults_match_method_and_path_and_are_bounded_by_skip_and_count()
    {
        var id = AddFault("""{"service":"avatarsdk","method":"POST","path":"^/avatarsdk/o/token/$","kind":"replaceStatus","status":500,"skip":1,"count":2}""");
        var statuses = Enumerable.Range(0, 4).Select(_ =>
        {
            using var response = _http.Send(TokenRequest());
            return (int)response.StatusCode;
        }).ToList();
        Assert.Equal(new[] { 200, 500, 500, 200 }, statuses);
        Assert.Equal(4, TokensIssued());

        var fault = _emulator.ControlGet("faults").EnumerateArray().Single();
        Assert.Equal(id, fault.GetProperty("id").GetString());
        Assert.Equal("replaceStatus", fault.GetProperty("kind").GetString());
        Assert.Equal((2, 0, 0), (fault.GetProperty("applied").GetInt32(), fault.GetProperty("remaining").GetInt32(), fault.GetProperty("skipRemaining").GetInt32()));
    }

    [Theory]
    [InlineData("""{"path":"x","kind":"replaceStatus"}""")]
    [InlineData("""{"path":"x","kind":"replaceBody"}""")]
    [InlineData("""{"path":"x","kind":"replaceBody","body":"a","patch":{"/a":1}}""")]
    [InlineData("""{"path":"x","kind":"replaceBody","patch":{"a":1}}""")]
    [InlineData("""{"path":"x","kind":"stallBody","afterBytes":10}""")]
    [InlineData("""{"path":"x","kind":"delayHeaders"}""")]
    [InlineData("""{"path":"x","kind":"cutBody","afterBytes":-1}""")]
    [InlineData("""{"path":"x","kind":"cutBody","body":"a"}""")]
    [InlineData("""{"path":"x","kind":"status","status":500,"headers":{"X-A":"1\r\nX-B: 2"}}""")]
    [InlineData("""{"path":"x","kind":"replaceBody","body":"a","repeat":0}""")]
    public void Incomplete_or_contradictory_faults_are_refused(string json)
    {
        using var response = _http.PostAsync(_emulator.Server.ControlUrl + "/faults", new StringContent(json, Encoding.UTF8, "application/json")).GetAwaiter().GetResult();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(_emulator.ControlGet("faults").EnumerateArray());
    }

    public void Dispose()
    {
        _http.Dispose();
        _emulator.Reset();
    }
}
