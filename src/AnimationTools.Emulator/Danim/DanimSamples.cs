namespace AnimationTools.Emulator.Danim;

/// <summary>Small real media shipped in the assembly: the rendered videos, their thumbnails and previews, the seeded files.</summary>
internal static class DanimSamples
{
    /// <summary>A one-second 64×64 H.264 clip: every generated video.</summary>
    public static readonly byte[] VideoMp4 = Load("video.mp4");

    /// <summary>A 64×64 JPEG: every video thumbnail.</summary>
    public static readonly byte[] ThumbnailJpg = Load("thumbnail.jpg");

    /// <summary>A four-frame 64×64 animated GIF: every quicklook preview.</summary>
    public static readonly byte[] QuicklookGif = Load("quicklook.gif");

    /// <summary>A 500×1200 PNG: the seeded file <c>my-file-id</c> of the seed examples (it meets the poster's minimum size).</summary>
    public static readonly byte[] PosterPng = Load("poster.png");

    internal static byte[] Load(string fileName)
    {
        var assembly = typeof(DanimSamples).Assembly;
        var resource = assembly.GetManifestResourceNames().Single(n => n.EndsWith(".Danim.Samples." + fileName, StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
