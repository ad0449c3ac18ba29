using System.Net;
using System.Text.Json;
using AnimationTools.Tests.Infrastructure;

namespace AnimationTools.Tests.Teleport;

/// <summary>Captures: every field, the state machine, forced failures, paging, rename and delete, validation errors.</summary>
public sealed class TeleportCaptureTests : TeleportTestBase
{
    static readonly string[] Fields =
    [
        "eid", "sid", "name", "created", "uploaded", "state", "error_reason", "state_description", "error_reason_slug", "preview_urls",
        "preview_url", "viewer_url", "share_url", "share_link", "gif_url", "video_url", "share_video_url", "is_public",
    ];

    public TeleportCaptureTests(EmulatorFixture emulator) : base(emulator)
    {
        Api.SignIn();
    }

    [Fact]
    public void A_capture_goes_from_CREATED_through_UPLOADING_and_PROCESSING_to_READY()
    {
        var data = TeleportApi.Bytes(1000);
        var (eid, _, _) = Api.Create("lobby.mp4", data.Length);
        var created = Api.Find(eid).Value;
        Assert.Equal(Fields, created.EnumerateObject().Select(p => p.Name));
        Assert.Equal("CREATED", created.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, created.GetProperty("sid").ValueKind);
        Assert.Equal(JsonValueKind.Null, created.GetProperty("uploaded").ValueKind);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$", created.GetProperty("created").GetString());

        var url = Api.PartUrl(eid, 1, data.Length);
        Assert.Equal("UPLOADING", Api.Find(eid).Value.GetProperty("state").GetString());
        var etag = Api.Put(url, data).Headers.ETag!.ToString();
        var processing = TeleportApi.Json(Api.Complete(eid, [(1, etag)]), HttpStatusCode.OK);
        Assert.Equal("PROCESSING", processing.GetProperty("state").GetString());
        var sid = processing.GetProperty("sid").GetString();
        Assert.Matches("^[0-9a-z]{33}$", sid);
        Assert.EndsWith("/share/" + sid, processing.GetProperty("share_url").GetString());

        var ready = Api.WaitForState(eid, "READY");
        Assert.Equal(sid, ready.GetProperty("sid").GetString());
        Assert.Equal(JsonValueKind.Null, ready.GetProperty("error_reason").ValueKind);
        Assert.Equal(["432x576", "897x1196"], ready.GetProperty("preview_urls").EnumerateObject().Select(p => p.Name));
        Assert.EndsWith("/captures/" + eid, ready.GetProperty("viewer_url").GetString());

        var preview = Api.Storage.GetByteArrayAsync(ready.GetProperty("preview_url").GetString()).Result;
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, preview.Take(4));
        Assert.Equal(HttpStatusCode.OK, Api.Storage.GetAsync(ready.GetProperty("viewer_url").GetString()).Result.StatusCode);
    }

    [Fact]
    public void The_next_capture_can_be_made_to_fail_with_a_given_reason()
    {
        Emulator.Control("teleport/next-capture", new { errorReason = "POSE_REFINEMENT_FAILED" });
        var eid = Api.Upload("bad.mp4", TeleportApi.Bytes(100)).GetProperty("eid").GetString();
        var failed = Api.WaitForState(eid, "FAILED");
        Assert.Equal("POSE_REFINEMENT_FAILED", failed.GetProperty("error_reason").GetString());
        Assert.Equal("POSE_REFINEMENT_FAILED", failed.GetProperty("error_reason_slug").GetString());
        Assert.Equal("The camera poses could not be recovered", failed.GetProperty("state_description").GetString());
        Assert.Equal(HttpStatusCode.NotFound, Api.Send(HttpMethod.Get, $"/share/{failed.GetProperty("sid").GetString()}/metadata").StatusCode);

        // Only the next one: the capture after it is READY.
        var next = Api.Upload("good.mp4", TeleportApi.Bytes(100)).GetProperty("eid").GetString();
        Api.WaitForState(next, "READY");
    }

    [Fact]
    public void A_processing_capture_can_be_failed_or_finished_now()
    {
        Configure(new { processingMs = 60_000 });
        var a = Api.Upload("a.mp4", TeleportApi.Bytes(100)).GetProperty("eid").GetString();
        var b = Api.Upload("b.mp4", TeleportApi.Bytes(100)).GetProperty("eid").GetString();
        Emulator.Control($"teleport/captures/{a}/fail", new { errorReason = "NOT_ENOUGH_FRAMES" });
        Emulator.Control($"teleport/captures/{b}/ready");
        Assert.Equal("NOT_ENOUGH_FRAMES", Api.Find(a).Value.GetProperty("error_reason").GetString());
        Assert.Equal("READY", Api.Find(b).Value.GetProperty("state").GetString());
        Assert.Throws<InvalidOperationException>(() => Emulator.Control($"teleport/captures/{b}/ready"));
    }

    [Fact]
    public void The_list_pages_with_limit_and_offset_newest_first()
    {
        Emulator.Server.State.Teleport.SeedCaptures(60, "demo", null, "READY", null, "video");
        var (newest, _, _) = Api.Create("newest.mp4", 10);

        var first = Api.List();
        Assert.Equal(25, first.GetArrayLength());
        Assert.Equal(newest, first[0].GetProperty("eid").GetString());
        Assert.Equal("seeded 60", first[1].GetProperty("name").GetString());

        var all = new List<string>();
        for (var offset = 0; ; offset += 7)
        {
            var page = Api.List($"?limit=7&offset={offset}");
            all.AddRange(page.EnumerateArray().Select(c => c.GetProperty("eid").GetString()));
            if (page.GetArrayLength() < 7) break;
        }

        Assert.Equal(61, all.Distinct().Count());
        Assert.Equal(0, Api.List("?offset=61").GetArrayLength());
        Assert.Equal(0, Api.List("?limit=0").GetArrayLength());
        Assert.EndsWith("Z", Api.List("?time_zone=true")[0].GetProperty("created").GetString());

        var bad = TeleportApi.Json(Api.Send(HttpMethod.Get, "/api/v1/captures?limit=many&offset=-1&time_zone=maybe"), HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["int_parsing", "greater_than_equal", "bool_parsing"], bad.GetProperty("detail").EnumerateArray().Select(e => e.GetProperty("type").GetString()));
        Assert.Equal("""["query","limit"]""", bad.GetProperty("detail")[0].GetProperty("loc").GetRawText());
    }

    [Fact]
    public void Rename_and_delete()
    {
        var (eid, _, _) = Api.Create("before.mp4", 10);
        var renamed = TeleportApi.Json(Api.Send(HttpMethod.Put, $"/api/v1/captures/{eid}?time_zone=true", new { name = "after" }), HttpStatusCode.OK);
        Assert.Equal("after", renamed.GetProperty("name").GetString());
        Assert.EndsWith("Z", renamed.GetProperty("created").GetString());
        Assert.Equal("after", Api.Find(eid).Value.GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, Api.Send(HttpMethod.Put, $"/api/v1/captures/{eid}", new { title = "x" }).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, Api.Send(HttpMethod.Put, "/api/v1/captures/nosuch", new { name = "x" }).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, Api.Send(HttpMethod.Delete, $"/api/v1/captures/{eid}").StatusCode);
        Assert.Null(Api.Find(eid));
        var again = Api.Send(HttpMethod.Delete, $"/api/v1/captures/{eid}");
        Assert.Equal("Capture not found", TeleportApi.Json(again, HttpStatusCode.NotFound).GetProperty("detail").GetString());
    }

    [Fact]
    public void Creation_checks_every_field_like_FastAPI()
    {
        var missing = TeleportApi.Json(Api.Send(HttpMethod.Post, "/api/v1/captures", new { }), HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["name", "bytesize"], missing.GetProperty("detail").EnumerateArray().Select(e => e.GetProperty("loc")[1].GetString()));
        Assert.All(missing.GetProperty("detail").EnumerateArray(), e => Assert.Equal("missing", e.GetProperty("type").GetString()));

        var wrong = TeleportApi.Json(Api.Send(HttpMethod.Post, "/api/v1/captures",
            new { name = "x", bytesize = 0, input_data_format = "hologram", guided_mode = "sometimes", training_parameters = new { focus_area = new { min_lat = "north", polylines = new object[] { "abc", 3 } } } }),
            HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["greater_than", "enum", "bool_parsing", "float_parsing", "string_type"], wrong.GetProperty("detail").EnumerateArray().Select(e => e.GetProperty("type").GetString()));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, Api.Send(HttpMethod.Post, "/api/v1/captures", "{not json").StatusCode);

        var full = Api.Send(HttpMethod.Post, "/api/v1/captures", new
        {
            name = "statue.zip", bytesize = 123, created = "2025-01-01", num_frames = 40, input_data_format = "bulk-images", guided_mode = true,
            ios_app_version = "1.2", training_parameters = new { focus_area = new { buffer_meters = 5, crop_method = "box", max_lat = 60.2, max_lng = 24.9, min_lat = 60.1, min_lng = 24.8, polylines = new[] { "a" } } },
        });
        var eid = TeleportApi.Json(full, HttpStatusCode.OK).GetProperty("eid").GetString();
        var info = Emulator.ControlGet("teleport/captures").EnumerateArray().Single(c => c.GetProperty("eid").GetString() == eid);
        Assert.Equal("bulk-images", info.GetProperty("inputDataFormat").GetString());
        var plain = Api.Create("default", 5, format: null).Eid;
        Assert.Equal("commonformat-ios", Emulator.ControlGet("teleport/captures").EnumerateArray()
            .Single(c => c.GetProperty("eid").GetString() == plain).GetProperty("inputDataFormat").GetString());
    }
}
