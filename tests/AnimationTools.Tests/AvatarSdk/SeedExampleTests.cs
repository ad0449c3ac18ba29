using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AnimationTools.Tests.Infrastructure;

namespace AnimationTools.Tests.AvatarSdk;

/// <summary>
/// The seed's own request examples (its curl and Python snippets), sent to the emulator as written but for the base
/// URL and the token: they must all work.
/// </summary>
[Collection(EmulatorCollection.Name)]
public sealed class SeedExampleTests : IDisposable
{
    readonly EmulatorFixture _emulator;
    readonly HttpClient _http = new();
    readonly string _base;
    readonly byte[] _photo = File.ReadAllBytes(Path.Combine(RepoPaths.Assets, "pose.jpg"));

    public SeedExampleTests(EmulatorFixture emulator)
    {
        _emulator = emulator;
        _emulator.Reset();
        _base = emulator.AvatarSdkUrl + "/";
    }

    // curl --user "$CLIENT_ID:$CLIENT_SECRET" -X POST -d grant_type=client_credentials https://api.avatarsdk.com/o/token/
    string CurlToken()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _base + "o/token/")
        {
            Content = new FormUrlEncodedContent([new("grant_type", "client_credentials")]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("demo:demo-secret")));
        var answer = Json(Send(request, HttpStatusCode.OK));
        Assert.Equal("Bearer", answer.GetProperty("token_type").GetString());
        Assert.Equal(36000, answer.GetProperty("expires_in").GetInt32());
        Assert.Equal("read write", answer.GetProperty("scope").GetString());
        return answer.GetProperty("access_token").GetString();
    }

    // The Python sample's AUTH_FORM and player registration: form fields, then headers as a dict.
    (string Token, string Player) PythonTokenAndPlayer()
    {
        var token = Json(Send(new HttpRequestMessage(HttpMethod.Post, _base + "o/token/")
        {
            Content = new FormUrlEncodedContent([new("grant_type", "client_credentials"), new("client_id", "demo"), new("client_secret", "demo-secret")]),
        }, HttpStatusCode.OK)).GetProperty("access_token").GetString();
        var player = Json(Send(WithHeaders(new HttpRequestMessage(HttpMethod.Post, _base + "players/")
        {
            Content = new FormUrlEncodedContent([new("comment", "test_py")]),
        }, token, null), HttpStatusCode.Created));
        Assert.Equal(_base + "players/" + player.GetProperty("code").GetString() + "/", player.GetProperty("url").GetString());
        return (token, player.GetProperty("code").GetString());
    }

    static HttpRequestMessage WithHeaders(HttpRequestMessage request, string token, string player)
    {
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        if (player != null)
        {
            request.Headers.TryAddWithoutValidation("X-PlayerUID", player);
        }
        return request;
    }

    /// <summary>curl -F fields (no content type on text parts) and -F "photo=@photo.jpg".</summary>
    HttpContent CurlForm(params (string Name, string Value)[] fields)
    {
        var form = new MultipartFormDataContent("------------------------d74496d66958873e");
        foreach (var (name, value) in fields)
        {
            var part = new ByteArrayContent(Encoding.UTF8.GetBytes(value));
            part.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = "\"" + name + "\"" };
            form.Add(part);
        }
        var photo = new ByteArrayContent(_photo);
        photo.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = "\"photo\"", FileName = "\"photo.jpg\"" };
        photo.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        form.Add(photo);
        return form;
    }

    string Send(HttpRequestMessage request, HttpStatusCode expected)
    {
        using (request)
        using (var response = _http.Send(request))
        {
            var body = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
            Assert.True(expected == response.StatusCode, $"{request.Method} {request.RequestUri}: {(int)response.StatusCode} {body}");
            return body;
        }
    }

    byte[] Bytes(string url, string token, string player, string expectedType = null)
    {
        using var request = WithHeaders(new HttpRequestMessage(HttpMethod.Get, url), token, player);
        using var response = _http.Send(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        if (expectedType != null)
        {
            Assert.Equal(expectedType, response.Content.Headers.ContentType?.MediaType);
        }
        return response.Content.ReadAsByteArrayAsync().GetAwaiter().GetResult();
    }

    static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    /// <summary>POSTs an avatar the seed's way and polls it like the samples until it is Completed.</summary>
    JsonElement CreateAndWait(string token, string player, params (string, string)[] fields)
    {
        var created = Json(Send(WithHeaders(new HttpRequestMessage(HttpMethod.Post, _base + "avatars/") { Content = CurlForm(fields) }, token, player), HttpStatusCode.Created));
        Assert.Equal("Uploading", created.GetProperty("status").GetString());
        Assert.Equal(0, created.GetProperty("progress").GetInt32());
        Assert.Equal(fields.Single(f => f.Item1 == "name").Item2, created.GetProperty("name").GetString());
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var avatar = Json(Send(WithHeaders(new HttpRequestMessage(HttpMethod.Get, created.GetProperty("url").GetString()), token, player), HttpStatusCode.OK));
            if (avatar.GetProperty("status").GetString() == "Completed")
            {
                return avatar;
            }
            Assert.True(DateTime.UtcNow < deadline, "avatar never completed");
            Thread.Sleep(100);
        }
    }

    [Fact]
    public void Haircuts_example_curl_and_python()
    {
        var token = CurlToken();
        var (_, player) = PythonTokenAndPlayer();
        var avatar = CreateAndWait(token, player, ("pipeline", "animated_face"), ("pipeline_subtype", "base/legacy"), ("name", "haircuts test"),
            ("parameters", """{"haircuts": {"base": ["female_NewSea_J086f", "male_NewSea_J003m"]}}"""));
        var haircuts = Json(Send(WithHeaders(new HttpRequestMessage(HttpMethod.Get, avatar.GetProperty("haircuts").GetString()), token, player), HttpStatusCode.OK));
        Assert.Equal(["female_NewSea_J086f", "male_NewSea_J003m"], haircuts.EnumerateArray().Select(h => h.GetProperty("identity").GetString()).ToArray());
        foreach (var haircut in haircuts.EnumerateArray())
        {
            using var archive = new ZipArchive(new MemoryStream(Bytes(haircut.GetProperty("mesh").GetString(), token, player, "application/zip")));
            Assert.Equal(haircut.GetProperty("identity").GetString() + ".ply", archive.Entries.Single().Name);
            var texture = Bytes(haircut.GetProperty("texture").GetString(), token, player, "image/png");
            Assert.Equal(0x89, texture[0]);
        }
    }

    [Fact]
    public void Blendshapes_model_info_and_textures_examples()
    {
        var token = CurlToken();
        var (_, player) = PythonTokenAndPlayer();
        var blend = CreateAndWait(token, player, ("pipeline", "animated_face"), ("pipeline_subtype", "base/legacy"), ("name", "blendshapes test"),
            ("parameters", """{"blendshapes": {"base": ["legacy_45", "visemes_17"]}}"""));
        // curl ".../blendshapes/?fmt=fbx&lod=5" and Python requests.get(url, params={'fmt': 'fbx', 'lod': 5}).
        using (var archive = new ZipArchive(new MemoryStream(Bytes(blend.GetProperty("blendshapes").GetString() + "?fmt=fbx&lod=5", token, player, "application/zip"))))
        {
            Assert.EndsWith(".fbx", archive.Entries.Single().Name);
        }

        var info = CreateAndWait(token, player, ("pipeline", "animated_face"), ("pipeline_subtype", "base/legacy"), ("name", "info test"),
            ("parameters", """{"model_info": {"base": ["hair_color"]}}"""));
        var modelInfo = Json(Send(WithHeaders(new HttpRequestMessage(HttpMethod.Get, info.GetProperty("model_info").GetString()), token, player), HttpStatusCode.OK));
        Assert.Equal(["hair_color", "pipeline", "pipeline_subtype"], modelInfo.EnumerateObject().Select(p => p.Name).OrderBy(n => n).ToArray());

        var textures = CreateAndWait(token, player, ("pipeline", "animated_face"), ("pipeline_subtype", "base/legacy"), ("name", "textures test"),
            ("parameters", """{"additional_textures": {"base": ["slightly_cartoonish_texture"]}}"""));
        // Python: requests.compat.urljoin(avatar['url'], 'textures/')
        var list = Json(Send(WithHeaders(new HttpRequestMessage(HttpMethod.Get, new Uri(new Uri(textures.GetProperty("url").GetString()), "textures/")), token, player), HttpStatusCode.OK));
        Assert.Equal(["model", "slightly_cartoonish_texture"], list.EnumerateArray().Select(t => t.GetProperty("identity").GetString()).ToArray());
        var file = Bytes(_base + $"avatars/{textures.GetProperty("code").GetString()}/textures/slightly_cartoonish_texture/file/", token, player, "image/jpeg");
        Assert.Equal(0xFF, file[0]);
    }

    [Theory]
    [InlineData("animated_face", "base/legacy", """{"avatar_modifications": {"plus": {"lips_color": {"red": 222, "green": 173, "blue": 190}}}}""")]
    [InlineData("animated_face", "indie/legacy_styled", """{"shape_modifications": {"indie": {"cartoonish_v0.3": 0.5}}}""")]
    [InlineData("body_0.3", "mobile", """{"body_shape": {"plus": {"gender": "male", "height": 180, "weight": 85}}}""")]
    public void Modification_examples_are_accepted(string pipeline, string subtype, string parameters)
    {
        var token = CurlToken();
        var (_, player) = PythonTokenAndPlayer();
        CreateAndWait(token, player, ("pipeline", pipeline), ("pipeline_subtype", subtype), ("name", "modifications test"), ("parameters", parameters));
    }

    [Fact]
    public void Pagination_filter_player_and_throttling_examples()
    {
        var token = CurlToken();
        _emulator.Server.State.AvatarSdk.SeedAvatars(450, "demo", null, null, null, null, null);

        // curl -v -H "Accept: application/json" ".../avatars/?page=3"
        using (var request = WithHeaders(new HttpRequestMessage(HttpMethod.Get, _base + "avatars/?page=3"), token, null))
        {
            request.Headers.Accept.ParseAdd("application/json");
            using var response = _http.Send(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var link = string.Join(", ", response.Headers.GetValues("Link"));
            Assert.Equal($"<{_base}avatars/>; rel=\"first\", <{_base}avatars/?page=2>; rel=\"prev\", <{_base}avatars/?page=4>; rel=\"next\", <{_base}avatars/?page=5>; rel=\"last\"", link);
            Assert.Equal(100, Json(response.Content.ReadAsStringAsync().Result).GetArrayLength());
        }

        // curl ".../avatars/?status=completed&description=fb": lower-case status matches Completed; filters AND-ed.
        _emulator.Server.State.AvatarSdk.SeedAvatars(3, "demo", null, null, "shared on FB", null, null);
        Assert.Equal(3, Json(Send(WithHeaders(new HttpRequestMessage(HttpMethod.Get, _base + "avatars/?status=completed&description=fb"), token, null), HttpStatusCode.OK)).GetArrayLength());

        // curl -H "X-PlayerUID: ..." ".../avatars/": the player's avatars only.
        var (_, player) = PythonTokenAndPlayer();
        Assert.Equal(0, Json(Send(WithHeaders(new HttpRequestMessage(HttpMethod.Get, _base + "avatars/"), token, player), HttpStatusCode.OK)).GetArrayLength());

        // Over the limit: 429, Retry-After in seconds and the documented body.
        // (The developer key already made more requests than that within the window.)
        _emulator.Control("avatarsdk/config", new { throttleRequests = 1, throttleWindowSeconds = 10 });
        using (var request = WithHeaders(new HttpRequestMessage(HttpMethod.Get, _base + "avatars/"), token, null))
        using (var response = _http.Send(request))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
            var wait = (int)response.Headers.RetryAfter!.Delta!.Value.TotalSeconds;
            Assert.InRange(wait, 9, 10);
            Assert.Equal($$"""{"detail":"Request was throttled. Expected available in {{wait}}.0 seconds."}""", response.Content.ReadAsStringAsync().Result);
        }
    }

    public void Dispose() => _http.Dispose();
}
