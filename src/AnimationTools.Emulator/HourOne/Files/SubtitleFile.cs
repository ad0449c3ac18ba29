using System.Globalization;
using System.Text;

namespace AnimationTools.Emulator.HourOne;

/// <summary>
/// Subtitles of a rendered video from its scene transcripts: cues of at most seven words, timed within their scene in
/// proportion to their words. Transcripts are not translated: every language gets the words as written.
/// </summary>
internal static class SubtitleFile
{
    private const int WordsPerCue = 7;

    public static string Vtt(VideoRecord video, string language)
    {
        var text = new StringBuilder("WEBVTT\n\n");
        text.Append("NOTE language: ").Append(language).Append("\n\n");
        var number = 1;
        foreach (var (start, end, words) in Cues(video))
        {
            text.Append(number++).Append('\n')
                .Append(Time(start, '.')).Append(" --> ").Append(Time(end, '.')).Append('\n')
                .Append(words).Append("\n\n");
        }

        return text.ToString();
    }

    public static string Srt(VideoRecord video)
    {
        var text = new StringBuilder();
        var number = 1;
        foreach (var (start, end, words) in Cues(video))
        {
            text.Append(number++).Append('\n')
                .Append(Time(start, ',')).Append(" --> ").Append(Time(end, ',')).Append('\n')
                .Append(words).Append("\n\n");
        }

        return text.ToString();
    }

    private static IEnumerable<(double Start, double End, string Words)> Cues(VideoRecord video)
    {
        var sceneStart = 0.0;
        foreach (var scene in video.Spec.Scenes)
        {
            var words = scene.Transcript.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            for (var first = 0; first < words.Length; first += WordsPerCue)
            {
                var count = Math.Min(WordsPerCue, words.Length - first);
                var start = sceneStart + scene.Duration * first / words.Length;
                var end = sceneStart + scene.Duration * (first + count) / words.Length;
                yield return (start, end, string.Join(' ', words, first, count));
            }

            sceneStart += scene.Duration;
        }
    }

    private static string Time(double seconds, char separator)
    {
        var time = TimeSpan.FromMilliseconds(Math.Round(seconds * 1000));
        return string.Create(CultureInfo.InvariantCulture, $"{(int)time.TotalHours:00}:{time.Minutes:00}:{time.Seconds:00}{separator}{time.Milliseconds:000}");
    }
}
