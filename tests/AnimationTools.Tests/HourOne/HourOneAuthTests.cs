using System.Net;
using AnimationTools.Tests.Infrastructure;

namespace AnimationTools.Tests.HourOne;

/// <summary>The api-key header, the optional rate limit, and what FastAPI answers for routes that do not exist.</summary>
public sealed class HourOneAuthTests : HourOneTestBase
{
    public HourOneAuthTests(EmulatorFixture emulator) : base(emulator) { }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("wrong-key")]
    [InlineData("DEMO-API-KEY")]
    public async Task A_missing_or_wrong_key_is_401_not_authenticated(string key)
    {
        foreach (var (method, path) in new[] { (HttpMethod.Get, "/videos"), (HttpMethod.Post, "/videos"), (HttpMethod.Get, "/videos/x"), (HttpMethod.Delete, "/videos/x"),
                     (HttpMethod.Get, "/videos/x/metadata"), (HttpMethod.Post, "/videos/x/subtitles"), (HttpMethod.Post, "/voice-preview"), (HttpMethod.Get, "/analytics/summary") })
        {
            using var request = new HttpRequestMessage(method, ApiUrl + path);
            if (key != null) request.Headers.TryAddWithoutValidation("api-key", key);
            using var response = await Anonymous.SendAsync(request);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            AssertSameJson("""{"detail":"Not authenticated"}""", await response.Content.ReadAsStringAsync());
        }

        Assert.Empty(ControlVideos().EnumerateArray());
    }

    [Fact]
    public void The_demo_key_is_accepted_and_a_new_key_revokes_it()
    {
        Assert.Equal(HttpStatusCode.OK, Send(HttpMethod.Get, "videos").Status);

        Emulator.Control("hourone/config", new { apiKey = "rotated-key" });
        var (status, body) = Send(HttpMethod.Get, "videos");
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        AssertSameJson("""{"detail":"Not authenticated"}""", body);

        using var request = new HttpRequestMessage(HttpMethod.Get, ApiUrl + "/videos");
        request.Headers.Add("api-key", "rotated-key");
        Assert.Equal(HttpStatusCode.OK, Anonymous.Send(request).StatusCode);
    }

    [Fact]
    public async Task Unknown_routes_wrong_methods_and_trailing_slashes_answer_like_starlette_before_authentication()
    {
        var notFound = await Anonymous.GetAsync(ApiUrl + "/templates");
        Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
        AssertSameJson("""{"detail":"Not Found"}""", await notFound.Content.ReadAsStringAsync());

        var wrongMethod = await Anonymous.PutAsync(ApiUrl + "/videos/abc", new StringContent("{}"));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrongMethod.StatusCode);
        AssertSameJson("""{"detail":"Method Not Allowed"}""", await wrongMethod.Content.ReadAsStringAsync());
        Assert.Equal("GET, DELETE", string.Join(", ", wrongMethod.Content.Headers.Allow));

        var slash = await Anonymous.GetAsync(ApiUrl + "/videos/?x=1");
        Assert.Equal(HttpStatusCode.TemporaryRedirect, slash.StatusCode);
        Assert.Equal(ApiUrl + "/videos?x=1", slash.Headers.Location!.ToString());
    }

    [Fact]
    public async Task The_optional_rate_limit_answers_429_with_retry_after()
    {
        Emulator.Control("hourone/config", new { rateLimitRequests = 2, rateLimitWindowSeconds = 30 });
        Assert.Equal(HttpStatusCode.OK, Send(HttpMethod.Get, "videos").Status);
        Assert.Equal(HttpStatusCode.OK, Send(HttpMethod.Get, "videos").Status);

        using var response = await Api.GetAsync("videos");
        Assert.Equal((HttpStatusCode)429, response.StatusCode);
        AssertSameJson("""{"detail":"Too Many Requests"}""", await response.Content.ReadAsStringAsync());
        Assert.InRange(response.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 30);
    }
}
