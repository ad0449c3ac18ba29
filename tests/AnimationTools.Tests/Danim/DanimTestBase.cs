using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AnimationTools.Tests.Infrastructure;

namespace AnimationTools.Tests.Danim;

/// <summary>How a request carries the app credentials (contract §2).</summary>
public enum DanimAuth
{
    Headers,
    Basic,
    Query,
    None,
}

/// <summary>
/// A test that drives the Danim emulator with a plain HttpClient (the module's cmdlets do not exist yet): fresh emulator
/// state, JSON/form/multipart posts with any of the three credential styles, GraphQL reads, and envelope assertions.
/// </summary>
[Collection(EmulatorCollection.Name)]
public abstract class DanimTestBase : IDisposable
{
    public const string ReviewTemplate = "0b9d6a52-3f1e-4c7a-9e2d-5a8c1f6b7d40";
    public const string CreateExampleTemplate = "5958fb82-ef69-418f-abb1-5fa2ad355aaa";
    public const string EveryRuleTemplate = "c0ffee00-d4a1-4e5b-8c6d-7e8f9a0b1c2d";

    protected DanimTestBase(EmulatorFixture emulator)
    {
        Emulator = emulator;
        Emulator.Reset();
        Base = emulator.DanimUrl;
    }

    protected EmulatorFixture Emulator { get; }

    /// <summary><c>http://127.0.0.1:port/danim</c>.</summary>
    protected string Base { get; }

    protected HttpClient Http { get; } = new();

    protected AnimationTools.Emulator.Danim.DanimState State => Emulator.Server.State.Danim;

    protected HttpResponseMessage Send(string route, HttpContent content, DanimAuth auth = DanimAuth.Headers, string appId = "demo", string secret = "demo-secret", HttpMethod method = null)
    {
        var url = Base + route;
        if (auth == DanimAuth.Query)
        {
            url += (url.Contains('?') ? "&" : "?") + $"appId={Uri.EscapeDataString(appId)}&appSecret={Uri.EscapeDataString(secret)}";
        }

        var request = new HttpRequestMessage(method ?? HttpMethod.Post, url) { Content = content };
        if (auth == DanimAuth.Headers)
        {
            request.Headers.Add("X-App-Id", appId);
            request.Headers.Add("X-App-Secret", secret);
        }
        else if (auth == DanimAuth.Basic)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{appId}:{secret}")));
        }

        return Http.Send(request);
    }

    /// <summary>POSTs a JSON body and returns the envelope, which must come with HTTP 200.</summary>
    protected JsonElement Post(string route, object body, DanimAuth auth = DanimAuth.Headers, string appId = "demo", string secret = "demo-secret") =>
        Envelope(Send(route, JsonContent(body), auth, appId, secret));

    protected static StringContent JsonContent(object body) =>
        new(body as string ?? JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    protected static JsonElement Envelope(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var text = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
        Assert.True(expected == response.StatusCode, $"HTTP {(int)response.StatusCode}, expected {(int)expected}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    protected static JsonElement Data(JsonElement envelope)
    {
        Assert.True(envelope.GetProperty("success").GetBoolean(), "expected success: " + envelope);
        return envelope.GetProperty("data");
    }

    /// <summary>Asserts <c>success: false</c> with that <c>meta.type</c>; returns the envelope.</summary>
    protected static JsonElement Fails(JsonElement envelope, string type)
    {
        Assert.False(envelope.GetProperty("success").GetBoolean(), "expected a failure: " + envelope);
        Assert.Equal(type, envelope.GetProperty("meta").GetProperty("type").GetString());
        Assert.False(string.IsNullOrWhiteSpace(envelope.GetProperty("message").GetString()));
        return envelope;
    }

    protected static IReadOnlyList<string> Warnings(JsonElement envelope) =>
        envelope.TryGetProperty("meta", out var meta) && meta.TryGetProperty("warnings", out var warnings)
            ? warnings.EnumerateArray().Select(w => w.GetString()).ToList()
            : [];

    /// <summary>The violations of a failed template-data check: (type, rule, input) triples.</summary>
    protected static List<(string Type, string Rule, string Input)> Violations(JsonElement envelope) =>
        envelope.GetProperty("meta").GetProperty("violations").EnumerateArray()
            .Select(v => (v.GetProperty("type").GetString(), v.GetProperty("rule").GetString(),
                v.TryGetProperty("input", out var input) ? input.GetString() : v.GetProperty("composition").GetString()))
            .ToList();

    /// <summary>A GraphQL read; returns the whole GraphQL response (data and errors).</summary>
    protected JsonElement Read(string query, object variables = null, string operationName = null, string route = "/read")
    {
        var body = new Dictionary<string, object> { ["query"] = query };
        if (variables != null) body["variables"] = variables;
        if (operationName != null) body["operationName"] = operationName;
        return Envelope(Send(route, JsonContent(body)));
    }

    protected static JsonElement ReadData(JsonElement response)
    {
        Assert.False(response.TryGetProperty("errors", out var errors), "unexpected GraphQL errors: " + errors);
        return response.GetProperty("data");
    }

    protected JsonElement Upload(byte[] content, string fileName, string contentType = null, string field = "file")
    {
        var form = new MultipartFormDataContent();
        var part = new ByteArrayContent(content);
        if (contentType != null) part.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        form.Add(part, field, fileName);
        return Envelope(Send("/upload/me", form));
    }

    /// <summary>Creates a video of the review template with the seed's first valid data set; returns its id.</summary>
    protected string CreateReview(string state = null, string name = "My favorite film", string callbackUrl = null)
    {
        var body = new Dictionary<string, object>
        {
            ["template_id"] = ReviewTemplate,
            ["template_data"] = new Dictionary<string, object> { ["title"] = "A great movie", ["duration"] = 112, ["score"] = 4.8, ["poster"] = "my-file-id" },
            ["name"] = name,
        };
        if (state != null) body["state"] = state;
        if (callbackUrl != null) body["callback_url"] = callbackUrl;
        return Data(Post("/write/video/create", body)).GetProperty("id").GetString();
    }

    protected JsonElement Video(string id) =>
        ReadData(Read("query One($id: String) { video(id: $id) { id shortId name description state createdAt updatedAt templateId workspaceId rawUrl playerUrl thumbnailUrl quicklookUrl failureType failureReason } }",
            new { id })).GetProperty("video");

    protected JsonElement WaitForState(string id, string state, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            var video = Video(id);
            if (video.GetProperty("state").GetString() == state)
            {
                return video;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"video {id} is {video.GetProperty("state").GetString()}, not {state}");
            }

            Thread.Sleep(50);
        }
    }

    protected static void WaitUntil(Func<bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException(what);
            Thread.Sleep(50);
        }
    }

    public virtual void Dispose()
    {
        Http.Dispose();
        GC.SuppressFinalize(this);
    }
}
