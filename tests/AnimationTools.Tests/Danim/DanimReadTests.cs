using System.Text.Json;
using AnimationTools.Tests.Infrastructure;

namespace AnimationTools.Tests.Danim;

/// <summary>GraphQL reads at <c>/read</c> (§6): templates with stringified specs, Relay paging of videos, and GraphQL errors.</summary>
public sealed class DanimReadTests(EmulatorFixture emulator) : DanimTestBase(emulator)
{
    [Fact]
    public void The_seeds_template_query_returns_specs_as_a_string_that_parses_into_the_review_template()
    {
        var template = ReadData(Read("query GetTemplateSpecsById($id: String = null) {\n  template(id: $id) {\n    specs\n    inputs\n  }\n}",
            new { id = ReviewTemplate }, "GetTemplateSpecsById")).GetProperty("template");

        Assert.Equal(JsonValueKind.String, template.GetProperty("specs").ValueKind);
        var specs = JsonDocument.Parse(template.GetProperty("specs").GetString()).RootElement;
        Assert.Equal([1, 1.78, 0.56], specs.GetProperty("info").GetProperty("ratios").EnumerateArray().Select(r => r.GetDouble()));
        Assert.Equal("#00aaa1", specs.GetProperty("info").GetProperty("theme").GetProperty("variants")[0].GetProperty("colors").GetProperty("main-color").GetString());
        var compositions = specs.GetProperty("compositions").EnumerateArray().ToList();
        Assert.Equal(["01-intro", "02-review", "03-casting", "04-quote"], compositions.Select(c => c.GetProperty("id").GetString()));
        Assert.Equal(["title", "duration", "score", "poster", "job", "casting-name", "bg-footage", "quote-paragraph"],
            template.GetProperty("inputs").EnumerateArray().Select(i => i.GetString()));

        // Every rule of §8.2, as written there.
        var duration = compositions[0].GetProperty("texts")[1];
        Assert.True(duration.GetProperty("strict_check").GetBoolean() && duration.GetProperty("is_int").GetBoolean());
        Assert.Equal("minutes", duration.GetProperty("suffix").GetString());
        var score = compositions[1].GetProperty("texts")[0];
        Assert.Equal((0, 5), (score.GetProperty("min_numeric_value").GetInt32(), score.GetProperty("max_numeric_value").GetInt32()));
        Assert.Equal((500, 1200), (compositions[1].GetProperty("files")[0].GetProperty("min_width").GetInt32(), compositions[1].GetProperty("files")[0].GetProperty("min_height").GetInt32()));
        var casting = compositions[2];
        Assert.True(casting.GetProperty("is_dynamic").GetBoolean() && casting.GetProperty("dynamic_zone_start").GetBoolean());
        Assert.Equal((0, 5), (casting.GetProperty("min_dynamic_zone_quantity").GetInt32(), casting.GetProperty("max_dynamic_zone_quantity").GetInt32()));
        var footage = casting.GetProperty("files")[0];
        Assert.Equal("image_video", footage.GetProperty("type").GetString());
        Assert.Equal(("variable", 4, 30), (footage.GetProperty("duration_strategy").GetString(), footage.GetProperty("min_duration").GetInt32(), footage.GetProperty("max_duration").GetInt32()));
        Assert.True(footage.GetProperty("force_muted").GetBoolean());
        var quote = compositions[3].GetProperty("texts")[0];
        Assert.True(compositions[3].GetProperty("dynamic_zone_end").GetBoolean());
        Assert.Equal(("paragraph", 20, 3), (quote.GetProperty("type").GetString(), quote.GetProperty("max_paragraph_line_length").GetInt32(), quote.GetProperty("max_paragraph_lines").GetInt32()));
    }

    [Fact]
    public void The_create_examples_template_has_a_select_a_text_and_an_image()
    {
        var template = ReadData(Read("{ template(id: \"5958fb82-ef69-418f-abb1-5fa2ad355aaa\") { id name specs inputs } }")).GetProperty("template");
        Assert.Equal(["text-1", "text-2", "image-1"], template.GetProperty("inputs").EnumerateArray().Select(i => i.GetString()));
        var composition = JsonDocument.Parse(template.GetProperty("specs").GetString()).RootElement.GetProperty("compositions")[0];
        Assert.Equal("select", composition.GetProperty("texts")[0].GetProperty("type").GetString());
        Assert.Contains("Alice's select value", composition.GetProperty("texts")[0].GetProperty("values").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal("text", composition.GetProperty("texts")[1].GetProperty("type").GetString());
        Assert.Equal("image", composition.GetProperty("files")[0].GetProperty("type").GetString());
    }

    [Fact]
    public void Videos_page_newest_first_with_cursors_and_a_state_filter()
    {
        var ids = Enumerable.Range(1, 5).Select(i => CreateReview("DRAFT", name: $"video {i}")).ToList();
        var done = CreateReview(name: "video 6");
        WaitForState(done, "DONE");

        const string query = "query Page($first: Int, $after: String, $state: VideoState) { videos(first: $first, after: $after, state: $state) { totalCount edges { cursor node { id name state } } pageInfo { hasNextPage endCursor } } }";
        var seen = new List<string>();
        string after = null;
        var pages = 0;
        do
        {
            var videos = ReadData(Read(query, new { first = 2, after })).GetProperty("videos");
            Assert.Equal(6, videos.GetProperty("totalCount").GetInt32());
            var edges = videos.GetProperty("edges").EnumerateArray().ToList();
            Assert.True(edges.Count <= 2);
            seen.AddRange(edges.Select(e => e.GetProperty("node").GetProperty("id").GetString()));
            var pageInfo = videos.GetProperty("pageInfo");
            Assert.Equal(edges[^1].GetProperty("cursor").GetString(), pageInfo.GetProperty("endCursor").GetString());
            after = pageInfo.GetProperty("hasNextPage").GetBoolean() ? pageInfo.GetProperty("endCursor").GetString() : null;
            pages++;
        }
        while (after != null);

        Assert.Equal(3, pages);
        Assert.Equal(ids.Append(done).Reverse(), seen);

        var drafts = ReadData(Read(query, new { first = 10, state = "DRAFT" })).GetProperty("videos");
        Assert.Equal(5, drafts.GetProperty("edges").GetArrayLength());
        Assert.All(drafts.GetProperty("edges").EnumerateArray(), e => Assert.Equal("DRAFT", e.GetProperty("node").GetProperty("state").GetString()));

        // The seed's own query, with its variables.
        var seed = ReadData(Read("query GetVideosByState($quantity: Int = 5, $state: VideoState = DONE) {\n  videos(first: $quantity, state: $state) {\n    edges {\n      node {\n        id\n        name\n        shortId\n      }\n    }\n  }\n}",
            new { quantity = 5, state = "DONE" }));
        var node = seed.GetProperty("videos").GetProperty("edges").EnumerateArray().Single().GetProperty("node");
        Assert.Equal((done, "video 6"), (node.GetProperty("id").GetString(), node.GetProperty("name").GetString()));
        Assert.Matches("^[a-z0-9]{9}$", node.GetProperty("shortId").GetString());
    }

    [Fact]
    public void A_cursor_survives_the_removal_of_its_video()
    {
        var ids = Enumerable.Range(1, 4).Select(i => CreateReview("DRAFT", name: $"v{i}")).ToList();
        var first = ReadData(Read("{ videos(first: 2) { pageInfo { endCursor } } }")).GetProperty("videos").GetProperty("pageInfo").GetProperty("endCursor").GetString();
        Data(Post("/write/video/remove", new { video_id = ids[2] }));
        var next = ReadData(Read("query($after: String) { videos(first: 5, after: $after) { edges { node { id } } } }", new { after = first }));
        Assert.Equal([ids[1], ids[0]], next.GetProperty("videos").GetProperty("edges").EnumerateArray().Select(e => e.GetProperty("node").GetProperty("id").GetString()));
    }

    [Fact]
    public void Only_the_fields_asked_for_come_back()
    {
        CreateReview("DRAFT");
        var node = ReadData(Read("{ videos { edges { node { name } } } }")).GetProperty("videos").GetProperty("edges")[0].GetProperty("node");
        Assert.Equal(["name"], node.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void Unknown_fields_syntax_errors_and_bad_arguments_are_GraphQL_errors_in_a_200()
    {
        var unknown = Read("{ videos { edges { node { id colour } } } }");
        Assert.Contains("colour", unknown.GetProperty("errors")[0].GetProperty("message").GetString());
        Assert.False(unknown.TryGetProperty("data", out _));

        var syntax = Read("{ videos( { edges } ");
        Assert.Equal("SYNTAX_ERROR", syntax.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());

        var state = Read("{ videos(state: GUESS) { totalCount } }");
        Assert.Contains("VideoState", state.GetProperty("errors")[0].GetProperty("message").GetString());

        var tooMany = Read("{ videos(first: 1000) { totalCount } }");
        Assert.Equal("BadParameter", tooMany.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());

        var missing = Read("{ template(id: \"nope\") { specs } }");
        Assert.Equal(JsonValueKind.Null, missing.GetProperty("data").GetProperty("template").ValueKind);
        Assert.Equal("TemplateNotFound", missing.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());

        var noQuery = Envelope(Send("/read", JsonContent(new { variables = new { } })));
        Assert.Contains("no query", noQuery.GetProperty("errors")[0].GetProperty("message").GetString());
    }

    [Fact]
    public void Read_also_answers_under_read_domain_query_and_lists_templates_and_workspaces()
    {
        var data = ReadData(Read("{ templates { totalCount edges { node { id name } } } workspaces { id name } }", route: "/read/template/list"));
        Assert.Contains(ReviewTemplate, data.GetProperty("templates").GetProperty("edges").EnumerateArray().Select(e => e.GetProperty("node").GetProperty("id").GetString()));
        Assert.Contains("36a167cf-8817-4f43-8b9d-9308ad25a8cc", data.GetProperty("workspaces").EnumerateArray().Select(w => w.GetProperty("id").GetString()));
    }

    [Fact]
    public void An_app_sees_only_its_own_videos()
    {
        var mine = CreateReview("DRAFT");
        Emulator.Server.State.Options.Clients["other-app"] = "other-secret";
        var response = Envelope(Send("/read", JsonContent(new { query = "{ videos { totalCount } }" }), appId: "other-app", secret: "other-secret"));
        Assert.Equal(0, ReadData(response).GetProperty("videos").GetProperty("totalCount").GetInt32());
        var theirs = Envelope(Send("/read", JsonContent(new { query = $"{{ video(id: \"{mine}\") {{ id }} }}" }), appId: "other-app", secret: "other-secret"));
        Assert.Equal("VideoNotFound", theirs.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
    }
}
