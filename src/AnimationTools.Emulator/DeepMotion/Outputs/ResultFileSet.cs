using System.Text.RegularExpressions;

namespace AnimationTools.Emulator.DeepMotion;

/// <summary>The outputs of a successful job, one per requested format.</summary>
internal sealed partial class ResultFileSet
{
    public const string LandmarksItem = "landmarks.dmpe";

    private ResultFileSet(string itemName, IReadOnlyList<ResultFile> files)
    {
        ItemName = itemName;
        Files = files;
    }

    /// <summary>Name of the main downloadable item: the input's base name.</summary>
    public string ItemName { get; }

    public IReadOnlyList<ResultFile> Files { get; }

    public ResultFile? Find(string fileName) => Files.FirstOrDefault(f => f.FileName == fileName);

    /// <summary>Name of the rendered video, reported as <c>details.out</c> of a SUCCESS status.</summary>
    public static string RenderedVideoName(Job job) => $"{ItemNameOf(job)}.mp4";

    public static ResultFileSet Build(Job job)
    {
        var item = ItemNameOf(job);
        var clip = MotionClip.For(job.Input, job.Settings.Trim);
        var files = job.Settings.Formats.Select(format => format switch
        {
            "bvh" => Zipped(item, "bvh", BvhWriter.Write(clip)),
            "fbx" => Zipped(item, "fbx", FbxWriter.Write(item, clip)),
            "glb" => Zipped(item, "glb", GlbWriter.Write(item)),
            "mp4" => new ResultFile($"{item}.mp4", "mp4", item, "video/mp4", RenderedVideo(job)),
            "png" => new ResultFile($"{item}.png", "png", item, "image/png", SampleMedia.RenderPng),
            "jpg" => new ResultFile($"{item}.jpg", "jpg", item, "image/jpeg", SampleMedia.RenderJpg),
            "dmpe" => new ResultFile(LandmarksItem, "dmpe", LandmarksItem, "application/octet-stream", LandmarksWriter.Write(clip)),
            _ => throw new InvalidOperationException($"Format '{format}' passed validation but has no generator."),
        }).ToList();
        return new ResultFileSet(item, files);
    }

    private static ResultFile Zipped(string item, string format, byte[] content) =>
        new($"{item}.{format}.zip", format, item, "application/zip", ZipPackager.Single($"{item}.{format}", content));

    /// <summary>The emulator does not render: a video job's "rendered" video is its input.</summary>
    private static byte[] RenderedVideo(Job job) =>
        job.Input.Probe.Kind == MediaKind.Video ? job.Input.Content : SampleMedia.RenderMp4;

    private static string ItemNameOf(Job job)
    {
        var baseName = UnsafeCharacters().Replace(Path.GetFileNameWithoutExtension(job.Input.FileName), "_");
        return string.IsNullOrEmpty(baseName) ? job.Rid : baseName;
    }

    [GeneratedRegex("[^A-Za-z0-9._-]")]
    private static partial Regex UnsafeCharacters();
}
