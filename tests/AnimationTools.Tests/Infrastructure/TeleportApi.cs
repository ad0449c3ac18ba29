using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace AnimationTools.Tests.Infrastructure;

/// <summary>
/// A plain HTTP client of the Teleport emulator, written from the contract (the module's cmdlets do not exist yet):
/// tokens, the capture API with its bearer token, and part PUTs to the pre-signed URLs without one.
/// </summary>
public sealed class TeleportApi : IDisposable
{
    readonly EmulatorFixture _emulator;

    public TeleportApi(EmulatorFixture emulator)
    {
        _emulator = emulator;
        Http = new HttpClient(new SocketsHttpHandler { UseProxy = false });
        Storage = new HttpClient(new SocketsHttpHandler { UseProxy = false });
    }

    /// <summary>The API client; <see cref="SignIn"/> sets its bearer token.</summary>
    public HttpClient Http { get; }

    /// <summary>The S3 side: no token ever.</summary>
    public HttpClient Storage { get; }

    public string Root => _emulator.TeleportUrl;

    public string Url(string relative) => Root + relative;

    /// <summary>The docs' request: a JSON body.</summary>
    public HttpResponseMessage RequestToken(string clientId = "demo", string secret = "demo-secret", bool json = true)
    {
        HttpContent body = json
            ? JsonContent.Create(new { grant_type = "client_credentials", client_id = clientId, client_secret = secret, scope = "openid profile email" })
            : new FormUrlEncodedContent([new("grant_type", "client_credentials"), new("client_id", clientId), new("client_secret", secret)]);
        return Http.PostAsync(_emulator.TeleportTokenUrl, body).GetAwaiter().GetResult();
    }

    public string SignIn(string clientId = "demo", string secret = "demo-secret")
    {
        var answer = Json(RequestToken(clientId, secret), HttpStatusCode.OK);
        var token = answer.GetProperty("access_token").GetString();
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return token;
    }

    public HttpResponseMessage Send(HttpMethod method, string relative, object body = null)
    {
        var request = new HttpRequestMessage(method, Url(relative));
        if (body != null)
        {
            request.Content = body is string text ? new StringContent(text, Encoding.UTF8, "application/json") : JsonContent.Create(body);
        }

        return Http.Send(request);
    }

    public (string Eid, long ChunkSize, int NumParts) Create(string name, long bytesize, string format = "video")
    {
        var body = new Dictionary<string, object> { ["name"] = name, ["bytesize"] = bytesize };
        if (format != null) body["input_data_format"] = format;
        var answer = Json(Send(HttpMethod.Post, "/api/v1/captures", body), HttpStatusCode.OK);
        return (answer.GetProperty("eid").GetString(), answer.GetProperty("chunk_size").GetInt64(), answer.GetProperty("num_parts").GetInt32());
    }

    public HttpResponseMessage RequestPartUrl(string eid, int part, long bytesize) =>
        Send(HttpMethod.Post, $"/api/v1/captures/{eid}/create-upload-url/{part}", new { eid, bytesize });

    public string PartUrl(string eid, int part, long bytesize) =>
        Json(RequestPartUrl(eid, part, bytesize), HttpStatusCode.OK).GetProperty("upload_url").GetString();

    public HttpResponseMessage Put(string url, ReadOnlyMemory<byte> bytes)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = new ReadOnlyMemoryContent(bytes) };
        return Storage.Send(request);
    }

    /// <summary>
    /// The PUT without blocking a thread: parallel parts must not hold thread-pool threads the in-process emulator
    /// needs to answer them.
    /// </summary>
    public Task<HttpResponseMessage> PutAsync(string url, ReadOnlyMemory<byte> bytes) =>
        Storage.PutAsync(url, new ReadOnlyMemoryContent(bytes));

    /// <summary>Uploads every part in order (one URL each) and returns the ETags the PUTs answered.</summary>
    public List<string> UploadAll(string eid, byte[] data, long chunkSize)
    {
        var parts = (int)((data.Length + chunkSize - 1) / chunkSize);
        var etags = new List<string>();
        for (var n = 1; n <= parts; n++)
        {
            var start = (int)((n - 1) * chunkSize);
            var response = Put(PartUrl(eid, n, data.Length), data.AsMemory(start, (int)Math.Min(chunkSize, data.Length - start)));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            etags.Add(response.Headers.ETag!.ToString());
        }

        return etags;
    }

    public HttpResponseMessage Complete(string eid, IEnumerable<(int Number, string Etag)> parts) =>
        Send(HttpMethod.Post, $"/api/v1/captures/{eid}/uploaded", new { eid, parts = parts.Select(p => new { number = p.Number, etag = p.Etag }) });

    /// <summary>Creates a capture, uploads <paramref name="data"/> and completes the upload: the capture is PROCESSING.</summary>
    public JsonElement Upload(string name, byte[] data, string format = "video")
    {
        var (eid, chunkSize, _) = Create(name, data.Length, format);
        var etags = UploadAll(eid, data, chunkSize);
        return Json(Complete(eid, etags.Select((e, i) => (i + 1, e))), HttpStatusCode.OK);
    }

    public JsonElement List(string query = "") => Json(Send(HttpMethod.Get, "/api/v1/captures" + query), HttpStatusCode.OK);

    /// <summary>The capture with that eid, found by walking the list's pages (there is no get-by-id route).</summary>
    public JsonElement? Find(string eid)
    {
        for (var offset = 0; ; offset += 25)
        {
            var page = List($"?limit=25&offset={offset}");
            foreach (var capture in page.EnumerateArray())
            {
                if (capture.GetProperty("eid").GetString() == eid) return capture;
            }

            if (page.GetArrayLength() < 25) return null;
        }
    }

    public JsonElement WaitForState(string eid, string state, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            var capture = Find(eid) ?? throw new Xunit.Sdk.XunitException($"capture {eid} is gone");
            if (capture.GetProperty("state").GetString() == state) return capture;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"capture {eid} is {capture.GetProperty("state")} not {state}");
            Thread.Sleep(50);
        }
    }

    public static JsonElement Json(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
        Assert.True(expected == response.StatusCode, $"expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static string Text(HttpResponseMessage response) => response.Content.ReadAsStringAsync().GetAwaiter().GetResult();

    public static string Md5Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(MD5.HashData(bytes));

    /// <summary>Deterministic test bytes (not all zero, so a part in the wrong place changes the file).</summary>
    public static byte[] Bytes(int length, int seed = 1)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    public void Dispose()
    {
        Http.Dispose();
        Storage.Dispose();
    }
}
