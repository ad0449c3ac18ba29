using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using AnimationTools.Tests.Infrastructure;

namespace AnimationTools.Tests.Danim;

/// <summary>The life of a video (§7.2–§7.6): states, results, change, remove, the generation quota, failures, workspaces.</summary>
public sealed class DanimVideoTests(EmulatorFixture emulator) : DanimTestBase(emulator)
{
    [Fact]
    public void A_created_video_goes_PENDING_IN_APP_then_GENERATING_then_DONE_with_its_results()
    {
        Emulator.Control("danim/config", new { pendingMs = 300, generatingMs = 600 });
        var id = CreateReview();
        var states = new List<string>();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        JsonElement video;
        do
        {
            video = Video(id);
            var state = video.GetProperty("state").GetString();
            if (states.Count == 0 || states[^1] != state) states.Add(state);
            if (state != "DONE") Assert.Equal(JsonValueKind.Null, video.GetProperty("rawUrl").ValueKind);
            Thread.Sleep(30);
        }
        while (states[^1] != "DONE" && DateTime.UtcNow < deadline);

        Assert.Equal(["PENDING_IN_APP", "GENERATING", "DONE"], states);
        Assert.Equal(ReviewTemplate, video.GetProperty("templateId").GetString());
        Assert.Equal(JsonValueKind.Null, video.GetProperty("failureReason").ValueKind);

        var mp4 = Http.GetByteArrayAsync(video.GetProperty("rawUrl").GetString()).GetAwaiter().GetResult();
        Assert.Equal("ftyp", System.Text.Encoding.ASCII.GetString(mp4, 4, 4));
        var gif = Http.GetByteArrayAsync(video.GetProperty("quicklookUrl").GetString()).GetAwaiter().GetResult();
        Assert.Equal("GIF89a", System.Text.Encoding.ASCII.GetString(gif, 0, 6));
        var jpeg = Http.GetByteArrayAsync(video.GetProperty("thumbnailUrl").GetString()).GetAwaiter().GetResult();
        Assert.Equal([0xFF, 0xD8, 0xFF], jpeg.Take(3));
        var player = Http.GetStringAsync(video.GetProperty("playerUrl").GetString()).GetAwaiter().GetResult();
        Assert.Contains(video.GetProperty("rawUrl").GetString(), player);
        Assert.EndsWith("/player/" + video.GetProperty("shortId").GetString(), video.GetProperty("playerUrl").GetString());

        var head = Http.Send(new HttpRequestMessage(HttpMethod.Head, video.GetProperty("rawUrl").GetString()));
        Assert.Equal((HttpStatusCode.OK, (long?)mp4.Length), (head.StatusCode, head.Content.Headers.ContentLength));

        // Results can be fetched in ranges (resumable downloads).
        var range = new HttpRequestMessage(HttpMethod.Get, video.GetProperty("rawUrl").GetString());
        range.Headers.Range = new RangeHeaderValue(0, 99);
        var partial = Http.Send(range);
        Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
        Assert.Equal(mp4.Length, partial.Content.Headers.ContentRange!.Length);
    }

    [Fact]
    public void A_draft_waits_until_generate_and_generate_works_on_drafts_only()
    {
        var id = CreateReview("DRAFT");
        Thread.Sleep(500);
        var draft = Video(id);
        Assert.Equal("DRAFT", draft.GetProperty("state").GetString());
        Assert.Equal(404, (int)Http.GetAsync(Base + $"/cdn/videos/{id}/raw.mp4").GetAwaiter().GetResult().StatusCode);
        Assert.Equal(0, State.GenerationsUsed());

        var generated = Post("/write/video/generate", new { video_id = id });
        Assert.Equal(JsonValueKind.Array, Data(generated).ValueKind);
        Assert.Equal(0, Data(generated).GetArrayLength());
        Assert.Equal(1, State.GenerationsUsed());
        WaitForState(id, "DONE");

        Fails(Post("/write/video/generate", new { video_id = id }), "StateChangeIsNotAuthorized");
        Fails(Post("/write/video/generate", new { video_id = Guid.NewGuid().ToString() }), "VideoNotFound");
        Fails(Post("/write/video/generate", new { }), "MissingParameter");
    }

    [Fact]
    public void Change_sets_name_and_description_and_IGNORE_or_omission_keeps_them()
    {
        var id = CreateReview("DRAFT", name: "Old name");
        Data(Post("/write/video/change", new { video_id = id, patch = new { name = "Wonderful house", description = "This video shows the rooms..." } }));
        var video = Video(id);
        Assert.Equal(("Wonderful house", "This video shows the rooms..."), (video.GetProperty("name").GetString(), video.GetProperty("description").GetString()));

        Data(Post("/write/video/change", new { video_id = id, patch = new { name = "IGNORE", description = "Only this" } }));
        Data(Post("/write/video/change", new { video_id = id, patch = new { } }));
        video = Video(id);
        Assert.Equal(("Wonderful house", "Only this"), (video.GetProperty("name").GetString(), video.GetProperty("description").GetString()));

        var form = new FormUrlEncodedContent([new("video_id", id), new("patch[name]", "From a form")]);
        Data(Envelope(Send("/write/video/change", form)));
        Assert.Equal("From a form", Video(id).GetProperty("name").GetString());

        Fails(Post("/write/video/change", new { video_id = id, patch = new { state = "DONE" } }), "BadParameter");
        Fails(Post("/write/video/change", new { video_id = id }), "MissingParameter");
        var notFound = Fails(Post("/write/video/change", new { video_id = "e7aacd22-24fc-46fc-9752-5a5571944836", patch = new { name = "x" } }), "VideoNotFound");
        Assert.Equal("Video with ID \"e7aacd22-24fc-46fc-9752-5a5571944836\" cannot be found.", notFound.GetProperty("message").GetString());
    }

    [Fact]
    public void Remove_forgets_the_video_everywhere()
    {
        var id = CreateReview();
        WaitForState(id, "DONE");
        var rawUrl = Video(id).GetProperty("rawUrl").GetString();
        Assert.Equal(0, Data(Post("/write/video/remove", new { video_id = id })).GetArrayLength());

        Assert.Equal("VideoNotFound", Read($"{{ video(id: \"{id}\") {{ id }} }}").GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
        Assert.Equal(0, ReadData(Read("{ videos { totalCount } }")).GetProperty("videos").GetProperty("totalCount").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, Http.GetAsync(rawUrl).GetAwaiter().GetResult().StatusCode);
        Fails(Post("/write/video/remove", new { video_id = id }), "VideoNotFound");
    }

    [Fact]
    public void The_generation_quota_answers_RateLimitExceeded_after_its_last_generation()
    {
        Emulator.Control("danim/config", new { generationQuota = 2 });
        CreateReview();
        var draft = CreateReview("DRAFT");
        Data(Post("/write/video/generate", new { video_id = draft }));

        // Drafts cost nothing; the third generation is refused, before anything is created.
        var another = CreateReview("DRAFT");
        Fails(Post("/write/video/generate", new { video_id = another }), "RateLimitExceeded");
        var refused = Send("/write/video/create", JsonContent(new { template_id = ReviewTemplate, template_data = new { score = 1 } }));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Fails(Envelope(refused), "RateLimitExceeded");
        Assert.Equal(3, State.ListVideos().Count);
        Assert.Equal("DRAFT", Video(another).GetProperty("state").GetString());

        // Invalid data is refused before the quota is even looked at.
        Fails(Post("/write/video/create", new { template_id = ReviewTemplate, template_data = new { score = 9 } }), "BadParameter");

        Emulator.Control("danim/config", new { generationQuota = (int?)null });
        Assert.Equal(JsonValueKind.Null, Emulator.ControlGet("danim/config").GetProperty("generationQuota").ValueKind);
        Data(Post("/write/video/generate", new { video_id = another }));
    }

    [Fact]
    public void No_credits_left_is_InsufficientCreditsForGeneration()
    {
        Emulator.Control("danim/config", new { credits = 1 });
        CreateReview();
        Fails(Post("/write/video/create", new { template_id = ReviewTemplate, template_data = new { score = 1 } }), "InsufficientCreditsForGeneration");
        Assert.Equal(0, Emulator.ControlGet("danim/config").GetProperty("credits").GetDouble());
    }

    [Fact]
    public void A_forced_failure_ends_the_generation_as_FAILED_with_its_reason()
    {
        Emulator.Control("danim/config", new { pendingMs = 2000 });
        var id = CreateReview();
        Emulator.Control($"danim/videos/{id}/fail", new { message = "The bot tripped over a cable." });
        var failed = Video(id);
        Assert.Equal("FAILED", failed.GetProperty("state").GetString());
        Assert.Equal("VideoGenerationFailed", failed.GetProperty("failureType").GetString());
        Assert.Equal("The bot tripped over a cable.", failed.GetProperty("failureReason").GetString());
        Assert.Equal(JsonValueKind.Null, failed.GetProperty("rawUrl").ValueKind);
        Assert.Throws<InvalidOperationException>(() => Emulator.Control($"danim/videos/{id}/fail", new { }));

        Emulator.Control("danim/next-video", new { fail = true, generatingMs = 50, pendingMs = 50 });
        var next = CreateReview();
        var reason = WaitForState(next, "FAILED").GetProperty("failureReason").GetString();
        Assert.Contains(next, reason);
        Assert.Empty(State.CallbackDeliveries());
    }

    [Fact]
    public void Workspaces_are_created_with_a_logo_and_videos_go_into_them()
    {
        var form = new MultipartFormDataContent { { new StringContent("My workspace"), "name" } };
        var logo = new ByteArrayContent(File.ReadAllBytes(Path.Combine(RepoPaths.Assets, "pose.png")));
        form.Add(logo, "logo", "logo.png");
        var workspace = Data(Envelope(Send("/write/workspace/create", form))).GetProperty("id").GetString();
        var info = State.ListWorkspaces().Single(w => w.Id == workspace);
        Assert.Equal("image/png", State.ListFiles().Single(f => f.Id == info.LogoFileId).MimeType);
        Assert.EndsWith(".png", ReadData(Read("{ workspaces { id logoUrl } }")).GetProperty("workspaces").EnumerateArray().Single(w => w.GetProperty("id").GetString() == workspace).GetProperty("logoUrl").GetString());

        Data(Post("/write/workspace/create", new { name = "By URL", logo = "file+https://my.cloud/path/file.jpg" }));
        Data(Post("/write/workspace/create", new { name = "By id", logo = "my-file-id" }));
        var clip = Data(Upload(File.ReadAllBytes(Path.Combine(RepoPaths.Assets, "walk.mp4")), "walk.mp4")).GetProperty("file").GetProperty("id").GetString();
        Fails(Post("/write/workspace/create", new { name = "Video logo", logo = clip }), "FileMimeTypeIsNotAccepted");

        var video = Data(Post("/write/video/create", new { template_id = ReviewTemplate, template_data = new { score = 1 }, workspace_id = workspace, state = "DRAFT" })).GetProperty("id").GetString();
        Assert.Equal(workspace, Video(video).GetProperty("workspaceId").GetString());
        Fails(Post("/write/video/create", new { template_id = ReviewTemplate, template_data = new { score = 1 }, workspace_id = Guid.NewGuid().ToString() }), "WorkspaceNotFound");

        Emulator.Control("danim/config", new { requireWorkspace = true });
        Fails(Post("/write/video/create", new { template_id = ReviewTemplate, template_data = new { score = 1 } }), "WorkspaceMustBeSet");

        Emulator.Control("danim/templates", new { id = "bound", specs = new { compositions = Array.Empty<object>() }, workspaceId = workspace });
        Fails(Post("/write/video/create", new { template_id = "bound", workspace_id = "36a167cf-8817-4f43-8b9d-9308ad25a8cc" }), "WorkspaceInconsistency");
        Data(Post("/write/video/create", new { template_id = "bound", workspace_id = workspace, state = "DRAFT" }));
    }

    [Fact]
    public void Callback_urls_must_be_absolute_http_URLs_and_other_parameters_are_warned_about()
    {
        Fails(Post("/write/video/create", new { template_id = ReviewTemplate, template_data = new { score = 1 }, callback_url = "my.app/webhook" }), "BadParameter");
        Fails(Post("/write/video/create", new { template_id = ReviewTemplate, template_data = new { score = 1 }, callback_url = "ftp://my.app/webhook" }), "BadParameter");
        var envelope = Post("/write/video/create", new { template_id = ReviewTemplate, template_data = new { score = 1 }, state = "DRAFT", colour = "red" });
        Data(envelope);
        Assert.Equal(["Unknown parameter \"colour\": it is ignored."], Warnings(envelope));
    }
}
