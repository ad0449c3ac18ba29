using AnimationTools.Tests.Infrastructure;

namespace AnimationTools.Tests.Danim;

/// <summary>The seed's own examples: the four minimalist template_data sets of §8.4, the create example, the guide's full request.</summary>
public sealed class DanimSeedExampleTests(EmulatorFixture emulator) : DanimTestBase(emulator)
{
    System.Text.Json.JsonElement Create(string templateData) =>
        Post("/write/video/create", $$"""{"template_id": "{{ReviewTemplate}}", "template_data": {{templateData}}, "state": "DRAFT"}""");

    [Fact]
    public void Example_1_title_duration_score_poster_is_valid()
    {
        var envelope = Create("""{"title": "A great movie", "duration": 112, "score": 4.8, "poster": "my-file-id"}""");
        Assert.True(Guid.TryParse(Data(envelope).GetProperty("id").GetString(), out _));
        Assert.Empty(Warnings(envelope));
    }

    [Fact]
    public void Example_2_only_the_required_composition_with_its_required_input_is_valid()
    {
        var envelope = Create("""{"score": 4.8}""");
        Data(envelope);
        Assert.Empty(Warnings(envelope));
    }

    [Fact]
    public void Example_3_score_missing_in_the_required_composition_and_title_missing_in_the_started_intro()
    {
        var envelope = Fails(Create("""{"duration": 112, "poster": "my-file-id"}"""), "MissingTemplateDataInput");
        Assert.Equal([("MissingTemplateDataInput", "MissingInput", "title"), ("MissingTemplateDataInput", "MissingInput", "score")], Violations(envelope));
        Assert.Contains("\"score\"", envelope.GetProperty("message").GetString());
        Assert.Contains("\"title\"", envelope.GetProperty("message").GetString());
        Assert.Empty(State.ListVideos());
    }

    [Fact]
    public void Example_4_under_strict_checks_duration_is_not_an_int_and_score_is_below_0()
    {
        var envelope = Fails(Create("""{"title": "A great movie", "duration": 20.54, "score": -2, "poster": "my-file-id"}"""), "BadParameter");
        Assert.Equal([("BadParameter", "IsInt", "duration"), ("BadParameter", "MinNumericValue", "score")], Violations(envelope));
        Assert.Empty(State.ListVideos());
    }

    [Fact]
    public void The_create_example_works_but_for_its_undocumented_GUESS_state()
    {
        const string body = """
            {
            "template_id": "5958fb82-ef69-418f-abb1-5fa2ad355aaa",
            "template_data": {
            "text-1": "Alice's select value",
            "text-2": "Alice's text value",
            "image-1": "5c574215-5327-4d66-94b9-8f8b99720536"
            },
            "description": "Hi everyone, this video has an image! Alice.",
            "name": "Alice's video",
            "workspace_id": "36a167cf-8817-4f43-8b9d-9308ad25a8cc",
            "callback_url": "https://lustkcehiqywpfarnbzmvxgdjo.service.com/mock/path",
            "state": "GUESS"
            }
            """;
        Fails(Post("/write/video/create", body), "StateNotAuthorizedOnCreation");

        var data = Data(Post("/write/video/create", body.Replace("\"GUESS\"", "\"PENDING_IN_APP\"")));
        Assert.Equal("Alice's video", data.GetProperty("name").GetString());
        Assert.Matches("^[a-z0-9]{9}$", data.GetProperty("short_id").GetString());
        var video = State.ListVideos().Single();
        Assert.Equal(("36a167cf-8817-4f43-8b9d-9308ad25a8cc", CreateExampleTemplate, "Hi everyone, this video has an image! Alice."), (video.WorkspaceId, video.TemplateId, video.Description));

        // The callback host is not on this machine: once DONE, the call is recorded as not made, never sent out.
        WaitForState(video.Id, "DONE");
        WaitUntil(() => State.CallbackDeliveries().Count == 1, TimeSpan.FromSeconds(5), "callback record");
        var delivery = State.CallbackDeliveries().Single();
        Assert.False(delivery.Succeeded);
        Assert.Null(delivery.Status);
        Assert.Contains("loopback", delivery.Error);
    }

    [Fact]
    public void The_guides_full_request_creates_and_generates_in_one_call()
    {
        var data = Data(Post("/write/video/create", $$"""
            {
            "template_id": "{{ReviewTemplate}}",
            "template_data": {"title": "A great movie", "duration": 112, "score": 4.8, "poster": "my-file-id"},
            "name": "My favorite film",
            "callback_url": "https://my.app/webhook"
            }
            """));
        Assert.Equal("My favorite film", data.GetProperty("name").GetString());
        Assert.Equal("PENDING_IN_APP", Video(data.GetProperty("id").GetString()).GetProperty("state").GetString());
    }
}
