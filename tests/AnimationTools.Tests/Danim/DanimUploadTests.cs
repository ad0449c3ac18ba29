using System.Text.Json;
using AnimationTools.Tests.Infrastructure;

namespace AnimationTools.Tests.Danim;

/// <summary><c>/upload/me</c> (§7.1): preloaded files, their 24 h expiry on the Danim clock, and the file rules.</summary>
public sealed class DanimUploadTests(EmulatorFixture emulator) : DanimTestBase(emulator)
{
    readonly byte[] _jpeg = File.ReadAllBytes(Path.Combine(RepoPaths.Assets, "pose.jpg"));

    [Fact]
    public void An_upload_answers_the_file_in_the_seeds_shape_and_serves_it()
    {
        var file = Data(Upload(_jpeg, "my-pic.jpeg", "image/jpeg")).GetProperty("file");
        Assert.True(Guid.TryParse(file.GetProperty("id").GetString(), out _));
        Assert.Equal("my-pic.jpeg", file.GetProperty("original_name").GetString());
        Assert.Equal("image/jpeg", file.GetProperty("mime_type").GetString());
        Assert.Equal(_jpeg.Length, file.GetProperty("size").GetInt64());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$", file.GetProperty("created_at").GetString());
        var path = file.GetProperty("path").GetString();
        Assert.Matches(@"^app/api-app/file-store/[0-9a-f-]{36}\.jpeg$", path);
        Assert.DoesNotContain(file.GetProperty("id").GetString(), path);
        var url = file.GetProperty("url").GetString();
        Assert.EndsWith(path, url);
        Assert.Equal(_jpeg, Http.GetByteArrayAsync(url).GetAwaiter().GetResult());

        var info = State.ListFiles().Single(f => f.Id == file.GetProperty("id").GetString());
        Assert.Equal(TimeSpan.FromHours(24), info.ExpiresAt - info.CreatedAt);
        Assert.Equal((160, 120), (info.Width, info.Height));
    }

    [Fact]
    public void A_preloaded_id_works_for_24_hours_then_is_refused_unless_a_video_used_it()
    {
        var used = Data(Upload(_jpeg, "used.jpg")).GetProperty("file").GetProperty("id").GetString();
        var unused = Data(Upload(_jpeg, "unused.jpg")).GetProperty("file").GetProperty("id").GetString();
        Data(Post("/write/video/create", ReviewData(used)));

        // At 23 h it is still valid (checked without creating a video, which would make it "older data").
        Emulator.Control("danim/config", new { advanceClockSeconds = 23 * 3600 });
        Assert.True(State.ValidateAsync(ReviewTemplate, $$"""{"score": 3, "poster": "{{unused}}"}""").GetAwaiter().GetResult().IsValid);

        Emulator.Control("danim/config", new { advanceClockSeconds = 3600 + 1 });
        Assert.True(State.ListFiles().Single(f => f.Id == unused).Expired);
        var refused = Fails(Post("/write/video/create", ReviewData(unused)), "TemplateDataFileNotFound");
        Assert.Equal([("TemplateDataFileNotFound", "File", "poster")], Violations(refused));
        Assert.Contains("expired", refused.GetProperty("message").GetString());

        // "Danim tries older data files": an id a video used before is still found.
        Data(Post("/write/video/create", ReviewData(used)));
        Fails(Post("/write/video/create", ReviewData("never-uploaded")), "TemplateDataFileNotFound");
    }

    [Fact]
    public void Extensions_outside_jpg_jpeg_png_mp4_mov_are_refused_with_the_seeds_message()
    {
        var gif = Convert.FromBase64String("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");
        var envelope = Fails(Upload(gif, "myself.gif", "image/gif"), "FileExtensionIsNotAccepted");
        Assert.Equal("File extension \"myself.gif\" is not accepted. You can choose among: jpg, jpeg, png, mp4, mov.", envelope.GetProperty("message").GetString());

        Data(Upload(File.ReadAllBytes(Path.Combine(RepoPaths.Assets, "walk.mp4")), "walk.mp4"));
        Data(Upload(File.ReadAllBytes(Path.Combine(RepoPaths.Assets, "pose.png")), "pose.png"));
        Assert.Equal("video/mp4", State.ListFiles().Single(f => f.OriginalName == "walk.mp4").MimeType);
    }

    [Fact]
    public void Empty_too_large_and_unguessable_files_have_their_own_types()
    {
        Fails(Upload([], "empty.jpg", "image/jpeg"), "EmptyFile");

        Emulator.Control("danim/config", new { maxFileBytes = 1000 });
        Fails(Upload(_jpeg, "big.jpg", "image/jpeg"), "FileIsTooLarge");
        Emulator.Control("danim/config", new { maxFileBytes = 200L * 1024 * 1024 });

        var noise = new byte[64];
        new Random(7).NextBytes(noise);
        Fails(Upload(noise, "blob", null), "FileExtensionCannotBeGuessed");
        Fails(Upload(noise, "blob.jpg", null), "FileMimeTypeCannotBeGuessed");
        Fails(Upload(noise, "blob.jpg", "image/gif"), "FileMimeTypeIsNotAccepted");
        // Without extension the type names it: a JPEG named "photo" is photo.jpg.
        Assert.Equal("image/jpeg", Data(Upload(_jpeg, "photo", null)).GetProperty("file").GetProperty("mime_type").GetString());
    }

    [Fact]
    public void An_upload_needs_a_file_and_the_field_name_is_not_checked()
    {
        Fails(Post("/upload/me", new { }), "MissingParameter");
        Assert.Equal("any.jpg", Data(Upload(_jpeg, "any.jpg", "image/jpeg", field: "picture")).GetProperty("file").GetProperty("original_name").GetString());
        var form = Emulator.Requests("danim").Last(r => r.Path == "/danim/upload/me").Form;
        Assert.Equal($"@any.jpg ({_jpeg.Length} bytes, image/jpeg)", form["picture"].Single());
    }

    static object ReviewData(string posterId, string state = null) => new Dictionary<string, object>
    {
        ["template_id"] = ReviewTemplate,
        ["template_data"] = new Dictionary<string, object> { ["score"] = 3, ["poster"] = posterId },
        ["state"] = state,
    };
}
