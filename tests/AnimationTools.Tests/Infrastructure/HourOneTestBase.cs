using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace AnimationTools.Tests.Infrastructure;

/// <summary>
/// A test that drives the Hour One emulator with a plain HttpClient: fresh emulator state, short timings (100 ms
/// started, 600 ms processing, 100 ms webhook retries) and <see cref="Api"/> sending <c>api-key: demo-api-key</c>.
/// </summary>
[Collection(EmulatorCollection.Name)]
public abstract class HourOneTestBase : IDisposable
{
    protected const string ApiKey = "demo-api-key";

    protected HourOneTestBase(EmulatorFixture emulator)
    {
        Emulator = emulator;
        Emulator.Reset();
        Emulator.Control("hourone/config", new { startedMs = 100, processingMs = 600, webhookBaseDelayMs = 100, voicePreviewMs = 200 });
        ServiceUrl = emulator.Server.ServiceUrl("hourone");
        ApiUrl = ServiceUrl + "/api/v1";
        Api = new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false }) { BaseAddress = new Uri(ApiUrl + "/") };
        Api.DefaultRequestHeaders.Add("api-key", ApiKey);
        Anonymous = new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false });
    }

    protected EmulatorFixture Emulator { get; }

    /// <summary><c>http://127.0.0.1:port/hourone</c>.</summary>
    protected string ServiceUrl { get; }

    /// <summary><c>http://127.0.0.1:port/hourone/api/v1</c>.</summary>
    protected string ApiUrl { get; }

    /// <summary>Relative URIs resolve under <see cref="ApiUrl"/> (<c>"videos"</c>); sends the API key.</summary>
    protected HttpClient Api { get; }

    /// <summary>No API key, no base address.</summary>
    protected HttpClient Anonymous { get; }

    protected static JsonElement ParseJson(string text) => JsonDocument.Parse(text).RootElement.Clone();

    protected static void AssertSameJson(string expected, string actual) =>
        Assert.True(JsonElement.DeepEquals(ParseJson(expected), ParseJson(actual)), $"expected {expected}\nactual   {actual}");

    protected (HttpStatusCode Status, string Body) Send(HttpMethod method, string path, string json = null, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, path);
        if (json != null)
        {
            request.Content = new StringContent(json, Encoding.UTF8);
            request.Content.Headers.ContentType = contentType == null ? null : System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        }

        using var response = Api.Send(request);
        return (response.StatusCode, response.Content.ReadAsStringAsync().GetAwaiter().GetResult());
    }

    protected (HttpStatusCode Status, string Body) Post(string path, object body) => Send(HttpMethod.Post, path, JsonSerializer.Serialize(body));

    /// <summary>Creates a video (asserting 201) and returns the answer.</summary>
    protected JsonElement CreateVideo(object body = null)
    {
        var (status, text) = Post("videos", body ?? new { source_draft_id = "demo-draft", correlation_id = Guid.NewGuid().ToString() });
        Assert.True(status == HttpStatusCode.Created, $"{(int)status} {text}");
        return ParseJson(text);
    }

    protected JsonElement GetVideo(string id)
    {
        var (status, text) = Send(HttpMethod.Get, $"videos/{id}");
        Assert.True(status == HttpStatusCode.OK, $"{(int)status} {text}");
        return ParseJson(text);
    }

    /// <summary>Polls until the video's status is one of <paramref name="statuses"/>; returns every answer seen.</summary>
    protected List<JsonElement> WaitForStatus(string id, params string[] statuses)
    {
        var seen = new List<JsonElement>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            var video = GetVideo(id);
            seen.Add(video);
            if (statuses.Contains(video.GetProperty("status").GetString()))
            {
                return seen;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"video {id} still {video.GetProperty("status")} after 15 s");
            }

            Thread.Sleep(40);
        }
    }

    protected static void WaitUntil(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("condition not met");
            Thread.Sleep(40);
        }
    }

    /// <summary>POSTs to a control route such as <c>hourone/videos/{id}/end</c> and returns the status, whatever it is.</summary>
    protected HttpStatusCode ControlStatus(string route, string json = "{}")
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = Anonymous.PostAsync(Emulator.Server.ControlUrl + "/" + route, content).GetAwaiter().GetResult();
        return response.StatusCode;
    }

    protected void NextVideo(object overrides) => Emulator.Control("hourone/next-video", overrides);

    protected JsonElement ControlVideos() => Emulator.ControlGet("hourone/videos");

    public void Dispose()
    {
        Api.Dispose();
        Anonymous.Dispose();
    }
}
