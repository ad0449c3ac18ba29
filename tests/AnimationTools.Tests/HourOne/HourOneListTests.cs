using System.Net;
using System.Text.Json;
using AnimationTools.Tests.Infrastructure;
using AnimationTools.Emulator.Infrastructure;

namespace AnimationTools.Tests.HourOne;

/// <summary>GET /videos (a plain array with correlation_id), GET and DELETE by id, and a create answer lost on the way.</summary>
public sealed class HourOneListTests : HourOneTestBase
{
    public HourOneListTests(EmulatorFixture emulator) : base(emulator) { }

    JsonElement List()
    {
        var (status, text) = Send(HttpMethod.Get, "videos");
        Assert.Equal(HttpStatusCode.OK, status);
        return ParseJson(text);
    }

    [Fact]
    public void The_list_is_an_array_newest_first_with_each_correlation_id()
    {
        Assert.Equal("[]", List().GetRawText());
        var first = CreateVideo(new { source_draft_id = "demo-draft", correlation_id = "corr-a" });
        Thread.Sleep(5);
        var second = CreateVideo(new { recipe_id = "demo-recipe", correlation_id = "corr-b" });
        CreateVideo(new { source_draft_id = "demo-draft" });

        var list = List();
        Assert.Equal(JsonValueKind.Array, list.ValueKind);
        Assert.Equal(3, list.GetArrayLength());
        Assert.Equal(second.GetProperty("id").GetString(), list[1].GetProperty("id").GetString());
        Assert.Equal(first.GetProperty("id").GetString(), list[2].GetProperty("id").GetString());
        Assert.Equal(new[] { null, "corr-b", "corr-a" }, list.EnumerateArray().Select(v => v.GetProperty("correlation_id").GetString()).ToArray());
        AssertSameJson(first.GetRawText().Replace("\"started\"", list[2].GetProperty("status").GetRawText())
                .Replace("\"progress\":0", $"\"progress\":{list[2].GetProperty("progress").GetInt32()}"), list[2].GetRawText());
    }

    [Fact]
    public void The_list_takes_no_filters_it_lists_everything()
    {
        CreateVideo(new { source_draft_id = "demo-draft", correlation_id = "corr-a" });
        CreateVideo(new { source_draft_id = "demo-draft", correlation_id = "corr-b" });
        var (_, text) = Send(HttpMethod.Get, "videos?correlation_id=corr-a&status=failed&limit=1");
        Assert.Equal(2, ParseJson(text).GetArrayLength());
    }

    [Fact]
    public void Get_and_delete_by_id_and_unknown_ids_are_404()
    {
        var id = CreateVideo().GetProperty("id").GetString();
        Assert.Equal(id, GetVideo(id).GetProperty("id").GetString());

        var (deleted, body) = Send(HttpMethod.Delete, $"videos/{id}");
        Assert.Equal(HttpStatusCode.NoContent, deleted);
        Assert.Equal("", body);

        foreach (var (method, path) in new[] { (HttpMethod.Get, $"videos/{id}"), (HttpMethod.Delete, $"videos/{id}"), (HttpMethod.Get, $"videos/{id}/metadata"), (HttpMethod.Get, "videos/nope") })
        {
            var (status, text) = Send(method, path);
            Assert.Equal(HttpStatusCode.NotFound, status);
            AssertSameJson("""{"detail":"Video not found"}""", text);
        }

        Assert.Equal(0, List().GetArrayLength());
    }

    [Fact]
    public void Seeded_videos_fill_the_list()
    {
        Emulator.Control("hourone/videos/seed", new { count = 5, outcome = "failed", correlationPrefix = "seed-" });
        var list = List();
        Assert.Equal(5, list.GetArrayLength());
        Assert.All(list.EnumerateArray(), v => Assert.Equal("failed", v.GetProperty("status").GetString()));
        Assert.Equal("seed-5", list[0].GetProperty("correlation_id").GetString());
    }

    [Fact]
    public async Task A_create_whose_answer_is_lost_is_found_in_the_list_by_its_correlation_id()
    {
        Emulator.AddFault(new FaultDefinition { Service = "hourone", Method = "POST", Path = "^/hourone/api/v1/videos$", Kind = FaultKind.LostResponse });
        await Assert.ThrowsAsync<HttpRequestException>(() => Api.PostAsync("videos",
            new StringContent("""{"source_draft_id":"demo-draft","correlation_id":"lost-1"}""", System.Text.Encoding.UTF8, "application/json")));

        var found = List().EnumerateArray().Where(v => v.GetProperty("correlation_id").GetString() == "lost-1").ToList();
        Assert.Single(found);
        Assert.Equal(FaultKind.LostResponse, Emulator.Requests("hourone").Single(r => r.Method == "POST").Fault);
    }

    [Fact]
    public void Status_faults_apply_to_hour_one_routes()
    {
        Emulator.AddFault(new FaultDefinition { Service = "hourone", Path = "^/hourone/api/v1/videos/", Kind = FaultKind.Status, Status = 503, RetryAfter = 2 });
        var (status, _) = Send(HttpMethod.Get, "videos/anything");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal(HttpStatusCode.NotFound, Send(HttpMethod.Get, "videos/anything").Status);
    }
}
