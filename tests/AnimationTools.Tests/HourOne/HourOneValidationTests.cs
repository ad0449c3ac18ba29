using System.Net;
using AnimationTools.Tests.Infrastructure;

namespace AnimationTools.Tests.HourOne;

/// <summary>422 answers exactly as FastAPI with pydantic v1 writes them, and nothing created.</summary>
public sealed class HourOneValidationTests : HourOneTestBase
{
    public HourOneValidationTests(EmulatorFixture emulator) : base(emulator) { }

    void Assert422(string body, string expected, string contentType = "application/json")
    {
        var (status, text) = Send(HttpMethod.Post, "videos", body, contentType);
        Assert.Equal((HttpStatusCode)422, status);
        AssertSameJson(expected, text);
        Assert.Empty(ControlVideos().EnumerateArray());
    }

    [Fact]
    public void A_body_without_a_source_is_422_at_body()
    {
        Assert422("{}", """{"detail":[{"loc":["body"],"msg":"either source_draft_id or recipe_id is required","type":"value_error"}]}""");
        Assert422("""{"name":"x","source_draft_id":null}""", """{"detail":[{"loc":["body"],"msg":"either source_draft_id or recipe_id is required","type":"value_error"}]}""");
    }

    [Fact]
    public void A_body_with_both_a_draft_and_a_recipe_is_422_at_body()
    {
        Assert422("""{"source_draft_id":"demo-draft","recipe_id":"demo-recipe"}""",
            """{"detail":[{"loc":["body"],"msg":"source_draft_id and recipe_id are mutually exclusive: give only one","type":"value_error"}]}""");
        Assert422("""{"type":"override","scenes":[],"source_draft_id":"demo-draft","recipe_id":"demo-recipe"}""",
            """{"detail":[{"loc":["body"],"msg":"source_draft_id and recipe_id are mutually exclusive: give only one","type":"value_error"}]}""");
    }

    [Fact]
    public void The_override_form_needs_scenes_each_with_a_name()
    {
        Assert422("""{"type":"override","source_draft_id":"demo-draft"}""",
            """{"detail":[{"loc":["body","OverrideVideoRequest","scenes"],"msg":"field required","type":"value_error.missing"}]}""");
        Assert422("""{"type":"override","source_draft_id":"demo-draft","scenes":[{"texts":["a"]},{"name":null},"x"]}""",
            """{"detail":[{"loc":["body","OverrideVideoRequest","scenes",0,"name"],"msg":"field required","type":"value_error.missing"},{"loc":["body","OverrideVideoRequest","scenes",1,"name"],"msg":"none is not an allowed value","type":"type_error.none.not_allowed"},{"loc":["body","OverrideVideoRequest","scenes",2],"msg":"value is not a valid dict","type":"type_error.dict"}]}""");
    }

    [Fact]
    public void Override_limits_transcript_correlation_id_scene_type_and_count()
    {
        var transcript = new string('a', 1001);
        Assert422($$"""{"type":"override","source_draft_id":"demo-draft","correlation_id":"{{new string('c', 101)}}","scenes":[{"name":"a","transcript":"{{transcript}}"},{"name":"b","type":"create_scene"},{"name":"c"}]}""",
            """{"detail":[{"loc":["body","OverrideVideoRequest","scenes",0,"transcript"],"msg":"ensure this value has at most 1000 characters","type":"value_error.any_str.max_length","ctx":{"limit_value":1000}},{"loc":["body","OverrideVideoRequest","scenes",1,"type"],"msg":"unexpected value; permitted: 'override_scene'","type":"value_error.const","ctx":{"given":"create_scene","permitted":["override_scene"]}},{"loc":["body","OverrideVideoRequest","correlation_id"],"msg":"ensure this value has at most 100 characters","type":"value_error.any_str.max_length","ctx":{"limit_value":100}}]}""");

        // The count rule needs the source: checked after the ids, one scene per scene of demo-draft (3).
        Assert422("""{"type":"override","source_draft_id":"demo-draft","scenes":[{"name":"a"},{"name":"b"}]}""",
            """{"detail":[{"loc":["body","OverrideVideoRequest","scenes"],"msg":"scenes must have exactly 3 items, one per scene of the source project (2 given)","type":"value_error"}]}""");
        Assert422("""{"recipe_id":"demo-recipe","scenes":[{"name":"a"}]}""",
            """{"detail":[{"loc":["body","scenes"],"msg":"scenes must have exactly 2 items, one per scene of the source project (1 given)","type":"value_error"}]}""");
    }

    [Fact]
    public void Wrong_types_are_reported_per_field_with_pydantic_v1_messages()
    {
        Assert422("""{"source_draft_id":"demo-draft","name":{"a":1},"voice_id":[1],"scenes":"all","metadata":[],"logo_url":false}""",
            """{"detail":[{"loc":["body","name"],"msg":"str type expected","type":"type_error.str"},{"loc":["body","voice_id"],"msg":"str type expected","type":"type_error.str"},{"loc":["body","scenes"],"msg":"value is not a valid list","type":"type_error.list"},{"loc":["body","metadata"],"msg":"value is not a valid dict","type":"type_error.dict"}]}""");
        Assert422("""{"type":"override","source_draft_id":"demo-draft","scenes":[{"name":"a","texts":"t","media":[{}]},{"name":"b"},{"name":"c"}],"metadata":{"ok":"x","bad":{"n":1}}}""",
            """{"detail":[{"loc":["body","OverrideVideoRequest","scenes",0,"media",0],"msg":"str type expected","type":"type_error.str"},{"loc":["body","OverrideVideoRequest","scenes",0,"texts"],"msg":"value is not a valid list","type":"type_error.list"},{"loc":["body","OverrideVideoRequest","metadata","bad"],"msg":"str type expected","type":"type_error.str"},{"loc":["body","OverrideVideoRequest","metadata","bad"],"msg":"value is not a valid integer","type":"type_error.integer"},{"loc":["body","OverrideVideoRequest","metadata","bad"],"msg":"value could not be parsed to a boolean","type":"type_error.bool"}]}""");
    }

    [Fact]
    public void A_scene_type_is_compared_as_sent()
    {
        Assert422("""{"type":"override","source_draft_id":"demo-draft","scenes":[{"name":"a","type":{"x":1}},{"name":"b","type":5},{"name":"c","type":"override_scene"}]}""",
            """{"detail":[{"loc":["body","OverrideVideoRequest","scenes",0,"type"],"msg":"unexpected value; permitted: 'override_scene'","type":"value_error.const","ctx":{"given":{"x":1},"permitted":["override_scene"]}},{"loc":["body","OverrideVideoRequest","scenes",1,"type"],"msg":"unexpected value; permitted: 'override_scene'","type":"value_error.const","ctx":{"given":5,"permitted":["override_scene"]}}]}""");
    }

    [Fact]
    public void Numbers_and_booleans_in_string_fields_are_taken_as_text_as_pydantic_v1_does()
    {
        var video = CreateVideo(new { source_draft_id = "demo-draft", name = 42, correlation_id = true });
        Assert.Equal("42", video.GetProperty("name").GetString());
        Assert.Equal("True", video.GetProperty("correlation_id").GetString());
    }

    [Fact]
    public void An_unknown_type_is_a_discriminator_error()
    {
        Assert422("""{"type":"copy","source_draft_id":"demo-draft"}""",
            """{"detail":[{"loc":["body"],"msg":"No match for discriminator 'type' and value 'copy' (allowed values: 'override', 'create', 'workflow')","type":"value_error.discriminated_union.invalid_discriminator","ctx":{"discriminator_key":"type","discriminator_value":"copy","allowed_values":["override","create","workflow"]}}]}""");
    }

    [Fact]
    public void The_create_form_needs_its_fields_and_checks_urls_and_colours()
    {
        Assert422("""{"type":"create","scenes":[]}""",
            """{"detail":[{"loc":["body","NewVideoRequest","template_id"],"msg":"field required","type":"value_error.missing"},{"loc":["body","NewVideoRequest","character_id"],"msg":"field required","type":"value_error.missing"},{"loc":["body","NewVideoRequest","voice_id"],"msg":"field required","type":"value_error.missing"},{"loc":["body","NewVideoRequest","scenes"],"msg":"ensure this value has at least 1 items","type":"value_error.list.min_items","ctx":{"limit_value":1}}]}""");
        Assert422("""{"type":"create","template_id":"demo-template","character_id":"demo-character","voice_id":"demo-voice","palette":[{"color":"red"}],"scenes":[{"name":"a","media_elements":[{"url":"ftp://x.example.com/a"},{"url":"media/a.png"},{"url":"http://localhost/a"}]}]}""",
            """{"detail":[{"loc":["body","NewVideoRequest","scenes",0,"layout_id"],"msg":"field required","type":"value_error.missing"},{"loc":["body","NewVideoRequest","scenes",0,"media_elements",0,"url"],"msg":"URL scheme not permitted","type":"value_error.url.scheme","ctx":{"allowed_schemes":["http","https"]}},{"loc":["body","NewVideoRequest","scenes",0,"media_elements",1,"url"],"msg":"invalid or missing URL scheme","type":"value_error.url.scheme"},{"loc":["body","NewVideoRequest","scenes",0,"media_elements",2,"url"],"msg":"URL host invalid, top level domain required","type":"value_error.url.host"},{"loc":["body","NewVideoRequest","palette",0,"color"],"msg":"string does not match regex \"^#?(?:[0-9A-Fa-f]{8}|[0-9A-Fa-f]{6})$\"","type":"value_error.str.regex","ctx":{"pattern":"^#?(?:[0-9A-Fa-f]{8}|[0-9A-Fa-f]{6})$"}}]}""");
    }

    [Fact]
    public void Bodies_that_are_not_json_objects()
    {
        Assert422("", """{"detail":[{"loc":["body"],"msg":"field required","type":"value_error.missing"}]}""");
        Assert422("[1]", """{"detail":[{"loc":["body"],"msg":"value is not a valid dict","type":"type_error.dict"}]}""");
        Assert422("source_draft_id=demo-draft", """{"detail":[{"loc":["body"],"msg":"value is not a valid dict","type":"type_error.dict"}]}""", "application/x-www-form-urlencoded");

        var (status, text) = Send(HttpMethod.Post, "videos", "{\"source_draft_id\": }");
        Assert.Equal((HttpStatusCode)422, status);
        var issue = ParseJson(text).GetProperty("detail")[0];
        Assert.Equal("""["body",20]""", issue.GetProperty("loc").GetRawText());
        Assert.Equal("value_error.jsondecode", issue.GetProperty("type").GetString());
        Assert.Equal("Expecting value: line 1 column 21 (char 20)", issue.GetProperty("msg").GetString());
    }
}
