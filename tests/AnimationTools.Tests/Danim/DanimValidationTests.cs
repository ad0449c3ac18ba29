using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AnimationTools.Tests.Infrastructure;

namespace AnimationTools.Tests.Danim;

/// <summary>The template-data rules of §8.3, checked by the emulator itself; file inputs in their three forms (§8.1).</summary>
public sealed class DanimValidationTests(EmulatorFixture emulator) : DanimTestBase(emulator)
{
    readonly byte[] _jpeg = File.ReadAllBytes(Path.Combine(RepoPaths.Assets, "pose.jpg"));
    readonly byte[] _mp4 = File.ReadAllBytes(Path.Combine(RepoPaths.Assets, "walk.mp4"));

    JsonElement Create(string templateId, object templateData, string state = "DRAFT") =>
        Post("/write/video/create", new Dictionary<string, object> { ["template_id"] = templateId, ["template_data"] = templateData, ["state"] = state });

    [Fact]
    public void A_data_set_breaking_every_rule_reports_each_violation_and_creates_nothing()
    {
        var envelope = Fails(Create(EveryRuleTemplate, new Dictionary<string, object>
        {
            ["theme"] = new { variant = "Main theme" },
            ["colour"] = "red",
            ["headline"] = "This headline is far too long",
            ["tagline"] = "far too long a tagline",
            ["published"] = "maybe",
            ["year"] = 1850.5,
            ["rating"] = 11,
            ["runtime"] = "long",
            ["genre"] = "horror",
            ["quote"] = "a line that is long\nsecond\nthird",
            ["slide-title"] = new[] { "a", "b", "c", "d" },
            ["slide-media"] = new[] { "no-such-file" },
            ["clip"] = "my-file-id",
        }), "BadParameter");

        Assert.Equal(
        [
            ("BadParameter", "ExpertMode", "theme"),
            ("MissingTemplateDataInput", "MissingInput", "subhead"),
            ("BadParameter", "DynamicZoneQuantity", "04-slides"),
            ("MissingTemplateDataInput", "MissingInput", "cover"),
            ("MissingTemplateDataComposition", "MissingComposition", "06-outro"),
            ("BadParameter", "MaxLength", "headline"),
            ("BadParameter", "Boolean", "published"),
            ("BadParameter", "IsInt", "year"),
            ("BadParameter", "MinNumericValue", "year"),
            ("BadParameter", "MaxNumericValue", "rating"),
            ("BadParameter", "Number", "runtime"),
            ("BadParameter", "Values", "genre"),
            ("BadParameter", "MaxParagraphLines", "quote"),
            ("BadParameter", "MaxParagraphLineLength", "quote"),
            ("TemplateDataFileNotFound", "File", "slide-media"),
            ("InvalidTemplateDataFileMimeType", "FileType", "clip"),
        ], Violations(envelope));
        Assert.StartsWith("16 problems in template_data:", envelope.GetProperty("message").GetString());
        var slide = envelope.GetProperty("meta").GetProperty("violations").EnumerateArray().Single(v => v.GetProperty("rule").GetString() == "File");
        Assert.Equal(1, slide.GetProperty("repetition").GetInt32());
        Assert.Empty(State.ListVideos());
        Assert.Equal(0, State.GenerationsUsed());
    }

    [Fact]
    public void Informative_rules_are_warnings_on_a_valid_request()
    {
        var clip = Data(Upload(_mp4, "walk.mp4")).GetProperty("file").GetProperty("id").GetString();
        var envelope = Create(EveryRuleTemplate, new Dictionary<string, object>
        {
            ["headline"] = "Short",
            ["subhead"] = "A sub-headline",
            ["tagline"] = "far too long a tagline",
            ["published"] = false,
            ["slide-title"] = "One slide",
            ["cover"] = "my-file-id",
            ["clip"] = clip,
            ["outro-text"] = "Bye",
            ["colour"] = "red",
        });
        Data(envelope);
        var warnings = Warnings(envelope);
        Assert.Contains(warnings, w => w.Contains("\"tagline\"") && w.Contains("strict_check is false"));
        Assert.Contains(warnings, w => w.Contains("\"cover\"") && w.Contains("500×1200") && w.Contains("cropped"));
        Assert.Contains(warnings, w => w.Contains("\"clip\"") && w.Contains("fixed duration 5") && w.Contains("cut"));
        Assert.Contains(warnings, w => w.Contains("colour") && w.Contains("ignored"));
        Assert.Equal(4, warnings.Count);
    }

    [Fact]
    public void Dynamic_zones_take_one_value_per_repetition_and_check_each_one()
    {
        var data = new Dictionary<string, object>
        {
            ["score"] = 4,
            ["casting-name"] = new[] { "Ann", null, "Cid" },
            ["job"] = new[] { "Director", "Actor" },
            ["quote-paragraph"] = new[] { "Great", "Superb" },
        };
        var envelope = Fails(Create(ReviewTemplate, data), "MissingTemplateDataInput");
        var violation = envelope.GetProperty("meta").GetProperty("violations").EnumerateArray().Single();
        Assert.Equal(("casting-name", 2), (violation.GetProperty("input").GetString(), violation.GetProperty("repetition").GetInt32()));

        data["casting-name"] = new[] { "Ann", "Bob", "Cid" };
        Data(Create(ReviewTemplate, data));
        data["casting-name"] = Enumerable.Range(1, 6).Select(i => $"P{i}").ToArray();
        Assert.Equal([("BadParameter", "DynamicZoneQuantity", "03-casting")], Violations(Fails(Create(ReviewTemplate, data), "BadParameter")));

        // A list for an input outside a dynamic zone is refused; a zone with min 1 must appear.
        Assert.Equal([("BadParameter", "InvalidValue", "score")], Violations(Fails(Create(ReviewTemplate, new { score = new[] { 1, 2 } }), "BadParameter")));
        var slides = Fails(Create(EveryRuleTemplate, new Dictionary<string, object> { ["headline"] = "h", ["subhead"] = "s", ["outro-text"] = "o" }), "MissingTemplateDataComposition");
        Assert.Equal([("MissingTemplateDataComposition", "MissingComposition", "04-slides")], Violations(slides));
    }

    [Fact]
    public void Null_means_omitted_while_empty_strings_and_false_are_evaluated()
    {
        Data(Create(ReviewTemplate, new Dictionary<string, object> { ["score"] = 4, ["title"] = null, ["duration"] = null }));
        // "" starts the intro (title given, empty) and is a value: a number input refuses it strictly.
        Data(Create(ReviewTemplate, new Dictionary<string, object> { ["score"] = 4, ["title"] = "" }));
        Assert.Equal([("BadParameter", "Number", "score")], Violations(Fails(Create(ReviewTemplate, new { score = "" }), "BadParameter")));
        Assert.Equal([("BadParameter", "InvalidValue", "title")],
            Violations(Fails(Create(ReviewTemplate, new { score = 4, title = new { text = "x", crop = new { x = 1 } } }), "BadParameter")));
    }

    [Fact]
    public void Required_compositions_selects_and_strict_text_lengths()
    {
        var missing = Fails(Create(ReviewTemplate, new { title = "Only the intro" }), "MissingTemplateDataComposition");
        Assert.Equal([("MissingTemplateDataComposition", "MissingComposition", "02-review")], Violations(missing));

        var select = Fails(Create(CreateExampleTemplate, new Dictionary<string, object>
        {
            ["text-1"] = "Dave's select value",
            ["text-2"] = new string('x', 41),
            ["image-1"] = "5c574215-5327-4d66-94b9-8f8b99720536",
        }), "BadParameter");
        Assert.Equal([("BadParameter", "Values", "text-1"), ("BadParameter", "MaxLength", "text-2")], Violations(select));

        Assert.Equal([("MissingTemplateDataInput", "MissingInput", "image-1")],
            Violations(Fails(Create(CreateExampleTemplate, new Dictionary<string, object> { ["text-1"] = "Bob's select value", ["text-2"] = "t" }), "MissingTemplateDataInput")));
    }

    [Fact]
    public void A_file_input_takes_a_preloaded_id_a_file_plus_URL_or_a_multipart_binary()
    {
        // file+http:// on this machine is really downloaded: here the emulator's own copy of an upload.
        var uploaded = Data(Upload(_jpeg, "poster.jpg")).GetProperty("file");
        Data(Create(ReviewTemplate, new { score = 4, poster = "file+" + uploaded.GetProperty("url").GetString() }));
        Assert.Contains(State.ListFiles(), f => f.Origin == AnimationTools.Emulator.Danim.FileOrigin.Url && f.Sha256 == State.ListFiles().Single(u => u.Id == uploaded.GetProperty("id").GetString()).Sha256);

        // Any other host is never contacted: its file is a sample chosen by the extension; *.invalid hosts cannot be reached.
        Data(Create(ReviewTemplate, new { score = 4, poster = "file+https://my.cloud/path/file.jpg" }));
        Assert.Equal([("FileCannotBeDownloaded", "File", "poster")], Violations(Fails(Create(ReviewTemplate, new { score = 4, poster = "file+https://gone.invalid/p.jpg" }), "FileCannotBeDownloaded")));
        Assert.Equal([("FileExtensionIsNotAccepted", "File", "poster")], Violations(Fails(Create(ReviewTemplate, new { score = 4, poster = "file+https://my.cloud/p.gif" }), "FileExtensionIsNotAccepted")));
        Assert.Equal([("FileCannotBeDownloaded", "File", "poster")],
            Violations(Fails(Create(ReviewTemplate, new { score = 4, poster = $"file+{Base}/cdn/app/api-app/file-store/missing.jpg" }), "FileCannotBeDownloaded")));

        // Without file+ a URL is a plain string: as a file id it is not found.
        var plain = Fails(Create(ReviewTemplate, new { score = 4, poster = "https://my.cloud/path/file.jpg" }), "TemplateDataFileNotFound");
        Assert.Contains("file+https://", plain.GetProperty("message").GetString());

        // A binary in a multipart request, with the other fields in bracket notation (form values are strings).
        var form = new MultipartFormDataContent
        {
            { new StringContent(ReviewTemplate), "template_id" },
            { new StringContent("DRAFT"), "state" },
            { new StringContent("4.5"), "template_data[score]" },
            { new StringContent("Form film"), "template_data[title]" },
        };
        var poster = new ByteArrayContent(_jpeg);
        poster.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        form.Add(poster, "template_data[poster]", "poster.jpg");
        var created = Envelope(Send("/write/video/create", form));
        var id = Data(created).GetProperty("id").GetString();
        Assert.Contains(Warnings(created), w => w.Contains("\"poster\"") && w.Contains("160×120"));
        var video = State.ListVideos().Single(v => v.Id == id);
        Assert.Equal("""{"score":"4.5","title":"Form film"}""", video.TemplateData);
        Assert.Equal("image/jpeg", State.ListFiles().Single(f => f.Id == video.Files.Single()).MimeType);
    }

    [Fact]
    public void File_inputs_check_the_kind_of_file()
    {
        var clip = Data(Upload(_mp4, "walk.mp4")).GetProperty("file").GetProperty("id").GetString();
        Assert.Equal([("InvalidTemplateDataFileMimeType", "FileType", "poster")],
            Violations(Fails(Create(ReviewTemplate, new { score = 4, poster = clip }), "InvalidTemplateDataFileMimeType")));
        // image_video takes both.
        Data(Create(ReviewTemplate, new Dictionary<string, object> { ["score"] = 4, ["casting-name"] = "Ann", ["bg-footage"] = clip }));
        Data(Create(ReviewTemplate, new Dictionary<string, object> { ["score"] = 4, ["casting-name"] = "Ann", ["bg-footage"] = "my-file-id" }));

        // A declared JPEG whose bytes are no image passes the upload but not a template input.
        var noise = new byte[256];
        new Random(3).NextBytes(noise);
        var fake = Data(Upload(noise, "fake.jpg", "image/jpeg")).GetProperty("file").GetProperty("id").GetString();
        Assert.Equal([("InvalidTemplateDataFileFormat", "FileFormat", "poster")],
            Violations(Fails(Create(ReviewTemplate, new { score = 4, poster = fake }), "InvalidTemplateDataFileFormat")));
    }

    [Fact]
    public void Template_data_may_be_a_JSON_encoded_string_and_the_control_API_validates_without_creating()
    {
        Data(Post("/write/video/create", new { template_id = ReviewTemplate, template_data = "{\"score\": 4.8}", state = "DRAFT" }));
        Fails(Post("/write/video/create", new { template_id = ReviewTemplate, template_data = "{not json", state = "DRAFT" }), "BadParameter");

        var response = Http.PostAsync(Emulator.Server.ControlUrl + "/danim/validate", new StringContent(
            $$$"""{"templateId": "{{{ReviewTemplate}}}", "templateData": {"duration": 112, "poster": "my-file-id"}}""", Encoding.UTF8, "application/json")).GetAwaiter().GetResult();
        var report = JsonDocument.Parse(response.Content.ReadAsStringAsync().GetAwaiter().GetResult()).RootElement;
        Assert.False(report.GetProperty("valid").GetBoolean());
        Assert.Equal(["title", "score"], report.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("input").GetString()));
        Assert.Single(State.ListVideos());
    }

    [Fact]
    public void Templates_added_through_the_control_API_are_used_like_seeded_ones()
    {
        Emulator.Control("danim/templates", new
        {
            id = "t-1",
            name = "Tiny",
            specs = new { compositions = new[] { new { id = "only", required = true, texts = new[] { new { id = "word", required = true, type = "select", strict_check = true, values = new[] { "yes", "no" } } } } } },
        });
        Assert.Equal(["word"], ReadData(Read("{ template(id: \"t-1\") { inputs } }")).GetProperty("template").GetProperty("inputs").EnumerateArray().Select(i => i.GetString()));
        Data(Create("t-1", new { word = "yes" }));
        Fails(Create("t-1", new { word = "maybe" }), "BadParameter");
        Fails(Create("nope", new { word = "yes" }), "TemplateNotFound");
        Fails(Post("/write/video/create", new { template_data = new { word = "yes" } }), "EitherTemplateXorTemplateSourceMustBeSet");
        Fails(Post("/write/video/create", new { template_id = "t-1", template_source = "x" }), "EitherTemplateXorTemplateSourceMustBeSet");
    }
}
