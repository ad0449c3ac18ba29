using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AnimationTools.Tests.Infrastructure;

namespace AnimationTools.Tests.Emulator;

/// <summary>§14 Q5: listModels answers as DeepMotion's demo client reads it, unless a test asks for the seed's array.</summary>
[Collection(EmulatorCollection.Name)]
public sealed class ListModelsShapeTests : IDisposable
{
    readonly EmulatorFixture _emulator;
    readonly HttpClient _http = new(new SocketsHttpHandler { UseProxy = false, UseCookies = false });

    public ListModelsShapeTests(EmulatorFixture emulator)
    {
        _emulator = emulator;
        _emulator.Reset();
    }

    JsonElement ListModels()
    {
        var auth = new HttpRequestMessage(HttpMethod.Get, _emulator.DeepMotionUrl + "/session/auth");
        auth.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.ASCII.GetBytes("demo:demo-secret")));
        using var login = _http.Send(auth);
        login.EnsureSuccessStatusCode();
        var cookie = login.Headers.GetValues("Set-Cookie").First().Split(';')[0];

        var list = new HttpRequestMessage(HttpMethod.Get, _emulator.DeepMotionUrl + "/character/listModels?stockModel=all");
        list.Headers.Add("Cookie", cookie);
        using var response = _http.Send(list);
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(response.Content.ReadAsStringAsync().GetAwaiter().GetResult()).RootElement.Clone();
    }

    [Fact]
    public void By_default_listModels_is_an_object_with_a_list_of_lowercase_ids()
    {
        var root = ListModels();
        Assert.Equal(JsonValueKind.Object, root.ValueKind);
        var models = root.GetProperty("list").EnumerateArray().ToList();
        Assert.NotEmpty(models);
        Assert.All(models, m => Assert.Equal(JsonValueKind.String, m.GetProperty("id").ValueKind));
        Assert.All(models, m => Assert.False(m.TryGetProperty("Id", out _)));
    }

    [Fact]
    public void The_seeds_bare_array_with_Id_is_selectable_and_reset_restores_the_default()
    {
        _emulator.Control("deepmotion/config", new { listModelsShape = "array" });
        var root = ListModels();
        Assert.Equal(JsonValueKind.Array, root.ValueKind);
        Assert.All(root.EnumerateArray(), m => Assert.Equal(JsonValueKind.String, m.GetProperty("Id").ValueKind));
        Assert.All(root.EnumerateArray(), m => Assert.False(m.TryGetProperty("id", out _)));

        _emulator.Reset();
        Assert.Equal(JsonValueKind.Object, ListModels().ValueKind);
    }

    public void Dispose()
    {
        _http.Dispose();
        _emulator.Reset();
    }
}
