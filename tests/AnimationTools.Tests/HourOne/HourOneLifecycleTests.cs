using System.Net;
using System.Text.Json;
using AnimationTools.Tests.Infrastructure;

namespace AnimationTools.Tests.HourOne;

/// <summary>started → processing (progress 0..100) → ready (→ published), and the ends the hooks force.</summary>
public sealed class HourOneLifecycleTests : HourOneTestBase
{
    public HourOneLifecycleTests(EmulatorFixture emulator) : base(emulator) { }

    [Fact]
    public void A_video_goes_from_started_through_processing_to_ready_with_rising_progress()
    {
        var id = CreateVideo().GetProperty("id").GetString();
        var seen = WaitForStatus(id, "ready");

        var statuses = seen.Select(v => v.GetProperty("status").GetString()).Distinct().ToList();
        Assert.Equal(new[] { "started", "processing", "ready" }, statuses);
        var progress = seen.Select(v => v.GetProperty("progress").GetInt32()).ToList();
        Assert.Equal(progress.OrderBy(p => p), progress);
        Assert.All(progress, p => Assert.InRange(p, 0, 100));
        Assert.Contains(progress, p => p is > 0 and < 100);
        Assert.All(seen.Where(v => v.GetProperty("status").GetString() == "processing"), v => Assert.Equal(0, v.GetProperty("progress").GetInt32() % 10));
        Assert.All(seen.Where(v => v.GetProperty("status").GetString() != "ready"), v => Assert.Equal(JsonValueKind.Null, v.GetProperty("download_url").ValueKind));

        var ready = seen[^1];
        Assert.Equal(100, ready.GetProperty("progress").GetInt32());
        Assert.EndsWith($"/{id}.mp4", ready.GetProperty("download_url").GetString());
    }

    [Fact]
    public void The_next_video_can_be_made_to_fail_with_progress_minus_one()
    {
        NextVideo(new { outcome = "failed", reason = "Presenter unavailable", endAtPercent = 30 });
        var failing = CreateVideo().GetProperty("id").GetString();
        var after = CreateVideo().GetProperty("id").GetString();

        var seen = WaitForStatus(failing, "failed");
        var failed = seen[^1];
        Assert.Equal(-1, failed.GetProperty("progress").GetInt32());
        Assert.Equal(JsonValueKind.Null, failed.GetProperty("download_url").ValueKind);
        Assert.DoesNotContain(seen, v => v.GetProperty("progress").GetInt32() > 30);

        var info = ControlVideos().EnumerateArray().Single(v => v.GetProperty("id").GetString() == failing);
        Assert.Equal("Presenter unavailable", info.GetProperty("reason").GetString());

        // The hook applies to one video only.
        Assert.Equal("ready", WaitForStatus(after, "ready", "failed")[^1].GetProperty("status").GetString());
        var (status, text) = Send(HttpMethod.Get, $"videos/{failing}/metadata");
        Assert.Equal(HttpStatusCode.Conflict, status);
        AssertSameJson("""{"detail":"Video is not ready"}""", text);
    }

    [Theory]
    [InlineData("stopped")]
    [InlineData("cancelled")]
    [InlineData("failed")]
    public void A_given_video_can_be_ended_now_with_a_reason(string end)
    {
        Emulator.Control("hourone/config", new { processingMs = 5000 });
        var id = CreateVideo().GetProperty("id").GetString();
        WaitForStatus(id, "processing");

        Emulator.Control($"hourone/videos/{id}/end", new { status = end, reason = "Stopped by a test" });
        var video = GetVideo(id);
        Assert.Equal(end, video.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, video.GetProperty("download_url").ValueKind);
        var progress = video.GetProperty("progress").GetInt32();
        if (end == "failed") Assert.Equal(-1, progress); else Assert.InRange(progress, 0, 99);
        Assert.Equal("Stopped by a test", ControlVideos()[0].GetProperty("reason").GetString());

        // Terminal: a second end is refused.
        Assert.Equal(HttpStatusCode.Conflict, ControlStatus($"hourone/videos/{id}/end"));
    }

    [Fact]
    public void Published_follows_ready_when_configured_or_asked()
    {
        Emulator.Control("hourone/config", new { publishDelayMs = 200 });
        var auto = CreateVideo().GetProperty("id").GetString();
        var seen = WaitForStatus(auto, "published");
        Assert.Contains(seen, v => v.GetProperty("status").GetString() == "ready");
        Assert.Equal(100, seen[^1].GetProperty("progress").GetInt32());
        Assert.NotEqual(JsonValueKind.Null, seen[^1].GetProperty("download_url").ValueKind);

        Emulator.Control("hourone/config", new { neverPublish = true });
        var manual = CreateVideo().GetProperty("id").GetString();
        WaitForStatus(manual, "ready");
        Emulator.Control($"hourone/videos/{manual}/publish");
        Assert.Equal("published", GetVideo(manual).GetProperty("status").GetString());
    }

    [Fact]
    public void Progress_may_be_unknown_and_the_started_status_one_clients_do_not_know()
    {
        NextVideo(new { progressUnknown = true, startedStatus = "queued", startedMs = 300 });
        var id = CreateVideo().GetProperty("id").GetString();
        Assert.Equal("queued", GetVideo(id).GetProperty("status").GetString());

        var seen = WaitForStatus(id, "ready");
        Assert.All(seen.Where(v => v.GetProperty("status").GetString() != "ready"), v => Assert.Equal(-1, v.GetProperty("progress").GetInt32()));
        Assert.Equal(100, seen[^1].GetProperty("progress").GetInt32());
    }

    [Fact]
    public void Control_hooks_refuse_bad_input()
    {
        Assert.Equal(HttpStatusCode.NotFound, ControlStatus("hourone/videos/nope/end"));
        Assert.Equal(HttpStatusCode.BadRequest, ControlStatus("hourone/next-video", """{"endAtPercent":150}"""));
        Assert.Equal(HttpStatusCode.BadRequest, ControlStatus("hourone/config", """{"progressStep":0}"""));
        Assert.Equal(HttpStatusCode.BadRequest, ControlStatus("hourone/config", """{"apiKey":""}"""));
        Assert.Equal(HttpStatusCode.BadRequest, ControlStatus("hourone/webhooks", """{"url":"not a url"}"""));
        Assert.Equal(HttpStatusCode.BadRequest, ControlStatus("hourone/webhooks", """{"url":"http://127.0.0.1:1/h","events":["video.started"]}"""));
    }
}
