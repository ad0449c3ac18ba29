using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using AnimationTools.Tests.Infrastructure;

namespace AnimationTools.Tests.HourOne;

/// <summary>What a ready video gives: the MP4, the player page, metadata and subtitles; and the voice preview and analytics.</summary>
public sealed partial class HourOneOutputTests : HourOneTestBase
{
    public HourOneOutputTests(EmulatorFixture emulator) : base(emulator) { }

    string ReadyVideo(object body = null)
    {
        var id = CreateVideo(body).GetProperty("id").GetString();
        WaitForStatus(id, "ready");
        return id;
    }

    [Fact]
    public async Task The_download_url_serves_a_real_mp4_without_the_api_key()
    {
        var id = ReadyVideo();
        var url = GetVideo(id).GetProperty("download_url").GetString();

        using var response = await Anonymous.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("video/mp4", response.Content.Headers.ContentType!.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(bytes.Length, response.Content.Headers.ContentLength);
        Assert.True(bytes.Length > 1000);
        // An ISO BMFF file starts with its ftyp box: 4-byte size, then "ftyp", then the major brand.
        Assert.Equal("ftyp", System.Text.Encoding.ASCII.GetString(bytes, 4, 4));
        Assert.Equal("isom", System.Text.Encoding.ASCII.GetString(bytes, 8, 4));
        Assert.Contains("moov", System.Text.Encoding.ASCII.GetString(bytes));

        using var range = new HttpRequestMessage(HttpMethod.Get, url);
        range.Headers.Range = new RangeHeaderValue(0, 99);
        using var partial = await Anonymous.SendAsync(range);
        Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
        Assert.Equal(100, (await partial.Content.ReadAsByteArrayAsync()).Length);

        using var head = await Anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Head, url));
        Assert.Equal(bytes.Length, head.Content.Headers.ContentLength);

        // A wrong token, or a deleted video, has no file.
        Assert.Equal(HttpStatusCode.NotFound, (await Anonymous.GetAsync(Regex.Replace(url, "/videos/[0-9a-f]+/", "/videos/00/"))).StatusCode);
        Send(HttpMethod.Delete, $"videos/{id}");
        Assert.Equal(HttpStatusCode.NotFound, (await Anonymous.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task The_player_url_is_an_html_page_before_and_after_rendering()
    {
        var video = CreateVideo();
        var player = video.GetProperty("video_player_url").GetString();
        using (var before = await Anonymous.GetAsync(player))
        {
            Assert.Equal("text/html", before.Content.Headers.ContentType!.MediaType);
            var html = await before.Content.ReadAsStringAsync();
            Assert.StartsWith("<!DOCTYPE html>", html);
            Assert.DoesNotContain("<video", html);
        }

        var id = video.GetProperty("id").GetString();
        WaitForStatus(id, "ready");
        var after = await Anonymous.GetStringAsync(player);
        Assert.Contains($"<video controls width=\"640\" src=\"{GetVideo(id).GetProperty("download_url").GetString()}\"></video>", after);
        Assert.Contains("<title>Quarterly update</title>", after);
    }

    [Fact]
    public void Metadata_gives_scene_timings_that_sum_to_the_duration()
    {
        var id = CreateVideo().GetProperty("id").GetString();
        var (early, earlyText) = Send(HttpMethod.Get, $"videos/{id}/metadata");
        Assert.Equal(HttpStatusCode.Conflict, early);
        AssertSameJson("""{"detail":"Video is not ready"}""", earlyText);

        WaitForStatus(id, "ready");
        var (status, text) = Send(HttpMethod.Get, $"videos/{id}/metadata");
        Assert.Equal(HttpStatusCode.OK, status);
        // Byte for byte as Python writes it: floats keep their ".0".
        Assert.Equal("""{"duration":12.75,"scenes_metadata":[{"scene_index":0,"start_time":0.0,"duration":4.0},{"scene_index":1,"start_time":4.0,"duration":5.75},{"scene_index":2,"start_time":9.75,"duration":3.0}]}""", text);

        var metadata = ParseJson(text);
        var scenes = metadata.GetProperty("scenes_metadata").EnumerateArray().ToList();
        Assert.Equal(metadata.GetProperty("duration").GetDouble(), scenes.Sum(s => s.GetProperty("duration").GetDouble()));
        for (var i = 1; i < scenes.Count; i++)
        {
            Assert.Equal(scenes[i - 1].GetProperty("start_time").GetDouble() + scenes[i - 1].GetProperty("duration").GetDouble(), scenes[i].GetProperty("start_time").GetDouble());
        }
    }

    [Fact]
    public void Subtitles_are_refused_before_the_video_is_ready_and_validated_first()
    {
        var id = CreateVideo().GetProperty("id").GetString();
        var (status, text) = Post($"videos/{id}/subtitles", new { language_code = "en" });
        Assert.Equal(HttpStatusCode.Conflict, status);
        AssertSameJson("""{"detail":"Video is not ready"}""", text);

        (status, text) = Post("videos/nope/subtitles", new { language_code = "en", format = "srt" });
        Assert.Equal(HttpStatusCode.NotFound, status);
        AssertSameJson("""{"detail":"Video not found"}""", text);

        (status, text) = Post("videos/nope/subtitles", new { language_code = "xx", format = "txt" });
        Assert.Equal((HttpStatusCode)422, status);
        AssertSameJson("""{"detail":[{"loc":["body","language_code"],"msg":"value is not a valid enumeration member; permitted: 'en', 'es', 'de', 'pt', 'it', 'fr', 'nl', 'ja', 'tr', 'pl', 'hu', 'cz', 'he', 'zh', 'hi', 'ru', 'ko', 'ar'","type":"type_error.enum","ctx":{"enum_values":["en","es","de","pt","it","fr","nl","ja","tr","pl","hu","cz","he","zh","hi","ru","ko","ar"]}},{"loc":["body","format"],"msg":"value is not a valid enumeration member; permitted: 'vtt', 'srt'","type":"type_error.enum","ctx":{"enum_values":["vtt","srt"]}}]}""", text);

        (status, text) = Post($"videos/{id}/subtitles", new { format = "vtt" });
        AssertSameJson("""{"detail":[{"loc":["body","language_code"],"msg":"field required","type":"value_error.missing"}]}""", text);
    }

    [Fact]
    public async Task Vtt_subtitles_are_valid_webvtt_timed_within_the_video()
    {
        var id = ReadyVideo();
        var (status, text) = Post($"videos/{id}/subtitles", new { language_code = "es" });
        Assert.Equal(HttpStatusCode.Created, status);
        var answer = ParseJson(text);
        Assert.Equal("es", answer.GetProperty("language_code").GetString());
        Assert.Equal("vtt", answer.GetProperty("format").GetString());

        using var response = await Anonymous.GetAsync(answer.GetProperty("url").GetString());
        Assert.Equal("text/vtt", response.Content.Headers.ContentType!.MediaType);
        var vtt = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("WEBVTT\n\n", vtt);
        var cues = CueTimes(vtt, '.');
        Assert.True(cues.Count >= 3);
        AssertTimedWithin(cues, 12.75);
        Assert.Contains("Welcome to the quarterly update from the", vtt);

        // Only the subtitles asked for exist.
        Assert.Equal(HttpStatusCode.NotFound, (await Anonymous.GetAsync(answer.GetProperty("url").GetString().Replace(".es.vtt", ".fr.vtt"))).StatusCode);
    }

    [Fact]
    public async Task Srt_subtitles_are_numbered_cues_with_comma_milliseconds()
    {
        var id = ReadyVideo();
        var (_, text) = Post($"videos/{id}/subtitles", new { language_code = "de", format = "srt" });
        var url = ParseJson(text).GetProperty("url").GetString();
        Assert.EndsWith(".de.srt", url);

        var srt = await Anonymous.GetStringAsync(url);
        var blocks = srt.TrimEnd('\n').Split("\n\n");
        for (var i = 0; i < blocks.Length; i++)
        {
            var lines = blocks[i].Split('\n');
            Assert.Equal((i + 1).ToString(), lines[0]);
            Assert.Matches(@"^\d\d:\d\d:\d\d,\d\d\d --> \d\d:\d\d:\d\d,\d\d\d$", lines[1]);
            Assert.False(string.IsNullOrWhiteSpace(lines[2]));
        }

        AssertTimedWithin(CueTimes(srt, ','), 12.75);
    }

    [Fact]
    public async Task A_voice_preview_becomes_ready_with_a_wav_file()
    {
        var (status, text) = Post("voice-preview", new { transcript = "Hello there, this is a preview.", source_draft_id = "demo-draft" });
        Assert.Equal(HttpStatusCode.Created, status);
        var task = ParseJson(text);
        Assert.Equal("in_progress", task.GetProperty("status").GetString());
        Assert.Equal("demo-voice", task.GetProperty("voice_id").GetString());
        var taskId = task.GetProperty("id").GetString();

        var (_, pending) = Send(HttpMethod.Get, $"voice-preview/{taskId}");
        Assert.Equal(System.Text.Json.JsonValueKind.Null, ParseJson(pending).GetProperty("url").ValueKind);
        string url = null;
        WaitUntil(() =>
        {
            var current = ParseJson(Send(HttpMethod.Get, $"voice-preview/{taskId}").Body);
            url = current.GetProperty("url").GetString();
            return current.GetProperty("status").GetString() == "ready";
        }, TimeSpan.FromSeconds(5));

        var wav = await Anonymous.GetByteArrayAsync(url);
        Assert.Equal("RIFF", System.Text.Encoding.ASCII.GetString(wav, 0, 4));
        Assert.Equal("WAVE", System.Text.Encoding.ASCII.GetString(wav, 8, 4));

        AssertSameJson("""{"detail":"Draft not found"}""", Post("voice-preview", new { transcript = "x", source_draft_id = "nope" }).Body);
        AssertSameJson("""{"detail":[{"loc":["body","transcript"],"msg":"field required","type":"value_error.missing"}]}""", Post("voice-preview", new { source_draft_id = "demo-draft" }).Body);
        AssertSameJson("""{"detail":"Voice preview not found"}""", Send(HttpMethod.Get, "voice-preview/nope").Body);
    }

    [Fact]
    public void Analytics_count_videos_per_period_deleted_ones_included()
    {
        var ready = ReadyVideo(new { source_draft_id = "demo-draft", correlation_id = "a" });
        var deleted = CreateVideo(new { source_draft_id = "demo-draft", correlation_id = "b" }).GetProperty("id").GetString();
        Send(HttpMethod.Delete, $"videos/{deleted}");
        var today = DateTime.UtcNow;

        var monthly = ParseJson(Send(HttpMethod.Get, "analytics/summary").Body);
        AssertSameJson($$"""[{"day":null,"week":null,"month":{{today.Month}},"year":{{today.Year}},"videos_created":2,"total_duration":13}]""", monthly.GetRawText());

        var daily = ParseJson(Send(HttpMethod.Get, "analytics/summary?breakdown=daily&correlation_id=a").Body);
        AssertSameJson($$"""[{"day":{{today.Day}},"week":null,"month":{{today.Month}},"year":{{today.Year}},"videos_created":1,"total_duration":13}]""", daily.GetRawText());

        var (status, text) = Send(HttpMethod.Get, "analytics/summary?breakdown=hourly&from_date=yesterday");
        Assert.Equal((HttpStatusCode)422, status);
        AssertSameJson("""{"detail":[{"loc":["query","breakdown"],"msg":"value is not a valid enumeration member; permitted: 'daily', 'weekly', 'monthly'","type":"type_error.enum","ctx":{"enum_values":["daily","weekly","monthly"]}},{"loc":["query","from_date"],"msg":"invalid date format","type":"value_error.date"}]}""", text);
        Assert.Equal((HttpStatusCode)422, Send(HttpMethod.Get, "analytics/summary?breakdown=daily&from_date=2020-01-01&to_date=2020-03-01").Status);
        Assert.NotNull(ready);
    }

    static List<(double Start, double End)> CueTimes(string text, char separator) =>
        TimeLine().Matches(text).Select(m => (Seconds(m.Groups[1].Value, separator), Seconds(m.Groups[2].Value, separator))).ToList();

    static double Seconds(string time, char separator)
    {
        var parts = time.Replace(separator, ':').Split(':').Select(int.Parse).ToArray();
        return parts[0] * 3600 + parts[1] * 60 + parts[2] + parts[3] / 1000.0;
    }

    static void AssertTimedWithin(List<(double Start, double End)> cues, double duration)
    {
        Assert.NotEmpty(cues);
        Assert.Equal(0, cues[0].Start);
        Assert.Equal(duration, cues[^1].End, 3);
        for (var i = 0; i < cues.Count; i++)
        {
            Assert.True(cues[i].Start < cues[i].End);
            if (i > 0) Assert.True(cues[i - 1].End <= cues[i].Start + 0.0005);
        }
    }

    [GeneratedRegex(@"(\d\d:\d\d:\d\d[.,]\d\d\d) --> (\d\d:\d\d:\d\d[.,]\d\d\d)")]
    private static partial Regex TimeLine();
}
