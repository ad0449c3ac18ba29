using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AnimationTools.Tests.Infrastructure;

namespace AnimationTools.Tests.HourOne;

/// <summary>POST /videos from a draft, a recipe, a template and a workflow; the ids it resolves; what the video shows.</summary>
public sealed class HourOneCreateTests : HourOneTestBase
{
    public HourOneCreateTests(EmulatorFixture emulator) : base(emulator) { }

    [Fact]
    public void A_video_from_the_seed_form_takes_the_drafts_presenter_and_starts()
    {
        var video = CreateVideo(new { source_draft_id = "demo-draft", name = "Q3 update", correlation_id = "corr-1" });

        Assert.Equal("Q3 update", video.GetProperty("name").GetString());
        Assert.Equal("started", video.GetProperty("status").GetString());
        Assert.Equal(0, video.GetProperty("progress").GetInt32());
        Assert.Equal("demo-draft", video.GetProperty("source_draft_id").GetString());
        Assert.Equal(JsonValueKind.Null, video.GetProperty("recipe_id").ValueKind);
        Assert.Equal("demo-character", video.GetProperty("character_id").GetString());
        Assert.Equal("demo-voice", video.GetProperty("voice_id").GetString());
        Assert.Equal("demo-palette", video.GetProperty("palette_id").GetString());
        Assert.Equal("corr-1", video.GetProperty("correlation_id").GetString());
        Assert.Equal(JsonValueKind.Null, video.GetProperty("download_url").ValueKind);
        Assert.NotEqual("demo-draft", video.GetProperty("draft_id").GetString());
        Assert.False(string.IsNullOrEmpty(video.GetProperty("req_id").GetString()));
        Assert.StartsWith(ServiceUrl + "/player/", video.GetProperty("video_player_url").GetString());

        // Every field of VideoResponse is written, in its declared order, nulls included (FastAPI's default).
        Assert.Equal(new[] { "id", "name", "status", "progress", "req_id", "draft_id", "source_draft_id", "recipe_id", "template_id", "palette_id", "character_id",
            "voice_id", "scenes", "video_player_url", "download_url", "metadata", "correlation_id", "palette", "global_media_elements" },
            video.EnumerateObject().Select(p => p.Name).ToArray());
    }

    [Fact]
    public void A_video_from_a_recipe_with_replaced_presenter_voice_palette_and_folder()
    {
        var video = CreateVideo(new
        {
            recipe_id = "demo-recipe", character_id = "demo-character", voice_id = "demo-voice", palette_id = "demo-palette", folder_id = "demo-folder",
        });
        Assert.Equal("demo-recipe", video.GetProperty("recipe_id").GetString());
        Assert.Equal(JsonValueKind.Null, video.GetProperty("source_draft_id").ValueKind);
        Assert.Equal("Product announcement", video.GetProperty("name").GetString());
        Assert.Equal(2, ControlVideos().EnumerateArray().Single().GetProperty("scenes").GetInt32());
    }

    [Fact]
    public void The_override_form_replaces_scene_texts_and_transcripts_and_is_echoed()
    {
        var video = CreateVideo(new
        {
            type = "override",
            source_draft_id = "demo-draft",
            correlation_id = "corr-override",
            metadata = new Dictionary<string, object> { ["team"] = "sales", ["quarter"] = 3, ["internal"] = true },
            scenes = new object[]
            {
                new { name = "Intro", texts = new[] { "Hello", "Extra title", "dropped" }, transcript = "Hi." },
                new { name = "Numbers", type = "override_scene" },
                new { name = "Outro", media = new[] { "https://media.example.com/end.jpg" }, transcript = new string('w', 1000) },
            },
        });

        var scenes = video.GetProperty("scenes");
        Assert.Equal(3, scenes.GetArrayLength());
        AssertSameJson("""{"name":"Intro","type":"override_scene","media":null,"texts":["Hello","Extra title","dropped"],"transcript":"Hi.","voice_recording_url":null}""",
            scenes[0].GetRawText());
        AssertSameJson("""{"team":"sales","quarter":3,"internal":true}""", video.GetProperty("metadata").GetRawText());

        // The rendered scenes: 1 word → the 2 s minimum; the untouched scene keeps the draft's 14 words (5.75 s); 1 word → 2 s.
        var info = ControlVideos().EnumerateArray().Single();
        Assert.Equal(9.75, info.GetProperty("duration").GetDouble());
    }

    [Fact]
    public void Workspace_and_team_headers_are_kept_with_the_video()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "videos") { Content = JsonContent.Create(new { source_draft_id = "demo-draft" }) };
        request.Headers.Add("workspace-id", "ws-1");
        request.Headers.Add("team-id", "team-9");
        Assert.Equal(HttpStatusCode.Created, Api.Send(request).StatusCode);

        var info = ControlVideos().EnumerateArray().Single();
        Assert.Equal("ws-1", info.GetProperty("workspaceId").GetString());
        Assert.Equal("team-9", info.GetProperty("teamId").GetString());
    }

    [Theory]
    [InlineData("""{"source_draft_id":"nope"}""", "Draft not found")]
    [InlineData("""{"recipe_id":"nope"}""", "Recipe not found")]
    [InlineData("""{"source_draft_id":"demo-draft","folder_id":"nope"}""", "Folder not found")]
    [InlineData("""{"source_draft_id":"demo-draft","palette_id":"nope"}""", "Palette not found")]
    [InlineData("""{"source_draft_id":"demo-draft","character_id":"nope"}""", "Character not found")]
    [InlineData("""{"source_draft_id":"demo-draft","voice_id":"nope"}""", "Voice not found")]
    [InlineData("""{"type":"create","template_id":"nope","character_id":"demo-character","voice_id":"demo-voice","scenes":[{"name":"a","layout_id":"x"}]}""", "Template not found")]
    [InlineData("""{"type":"create","template_id":"demo-template","character_id":"demo-character","voice_id":"demo-voice","scenes":[{"name":"a","layout_id":"x"}]}""", "Layout not found")]
    [InlineData("""{"type":"workflow","workflow_id":"nope","variables":[]}""", "Workflow not found")]
    public void Unknown_ids_are_404_with_a_detail(string body, string detail)
    {
        var (status, text) = Send(HttpMethod.Post, "videos", body);
        Assert.Equal(HttpStatusCode.NotFound, status);
        AssertSameJson($$"""{"detail":"{{detail}}"}""", text);
        Assert.Empty(ControlVideos().EnumerateArray());
    }

    [Fact]
    public void A_video_from_a_template_uses_its_layouts_and_echoes_the_new_scene_shape()
    {
        var video = CreateVideo(new
        {
            type = "create",
            template_id = "demo-template",
            character_id = "demo-character",
            voice_id = "demo-voice",
            palette = new[] { new { color = "#112233" }, new { color = "AABBCCDD" } },
            scenes = new object[]
            {
                new { name = "Title", layout_id = "demo-layout-title", texts_elements = new[] { new { text = "Welcome" } }, transcript = "Welcome to our product tour." },
                new { name = "Side", layout_id = "demo-layout-presenter", media_elements = new[] { new { url = "https://media.example.com/a.png" } } },
            },
        });
        Assert.Equal("demo-template", video.GetProperty("template_id").GetString());
        AssertSameJson("""[{"color":"#112233"},{"color":"AABBCCDD"}]""", video.GetProperty("palette").GetRawText());
        AssertSameJson("""{"name":"Side","type":"create_scene","layout_id":"demo-layout-presenter","media_elements":[{"id":null,"url":"https://media.example.com/a.png","media_id":null}],"texts_elements":null,"transcript":null,"voice_recording_url":null}""",
            video.GetProperty("scenes")[1].GetRawText());
    }

    [Fact]
    public async Task A_video_from_a_workflow_fills_its_variables()
    {
        var video = CreateVideo(new
        {
            type = "workflow",
            workflow_id = "demo-workflow",
            correlation_id = "wf-1",
            variables = new object[] { new { name = "customer", value = "Ada" }, new { variable_id = "var-product", value = "AnimationTools" } },
        });
        Assert.Equal("wf-1", video.GetProperty("correlation_id").GetString());
        WaitForStatus(video.GetProperty("id").GetString(), "ready");

        var (status, text) = Post($"videos/{video.GetProperty("id").GetString()}/subtitles", new { language_code = "en" });
        Assert.Equal(HttpStatusCode.Created, status);
        var vtt = await Anonymous.GetStringAsync(ParseJson(text).GetProperty("url").GetString());
        Assert.Contains("Hello Ada, welcome aboard.", vtt);
        Assert.Contains("AnimationTools.", vtt);
        Assert.DoesNotContain("{{", vtt);
    }

    [Fact]
    public void A_workflow_variable_that_matches_nothing_is_422()
    {
        var (status, text) = Send(HttpMethod.Post, "videos", """{"type":"workflow","workflow_id":"demo-workflow","variables":[{"name":"nobody","value":"x"}]}""");
        Assert.Equal((HttpStatusCode)422, status);
        AssertSameJson("""{"detail":[{"loc":["body","WorkflowVideoRequest","variables",0],"msg":"variable not found in the workflow (match by variable_id or name)","type":"value_error"}]}""", text);
    }

    [Fact]
    public void A_draft_added_through_the_control_api_can_be_used()
    {
        Emulator.Control("hourone/drafts", new { id = "one-scene", name = "Short", scenes = new[] { new { name = "Only", transcript = "One two three four five." } } });
        var video = CreateVideo(new { type = "override", source_draft_id = "one-scene", scenes = new[] { new { name = "Only" } } });
        Assert.Equal("Short", video.GetProperty("name").GetString());
    }
}
