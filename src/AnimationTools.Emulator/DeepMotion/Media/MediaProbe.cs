namespace AnimationTools.Emulator.DeepMotion;

/// <summary>What kind of input an upload is.</summary>
internal enum MediaKind
{
    Video,
    Image,

    /// <summary>Neither a readable MP4 nor a PNG/JPEG: jobs on it fail with error 202.</summary>
    Unreadable,
}

/// <summary>The kind of an uploaded file and, for a video, its header facts.</summary>
internal sealed record MediaProbe(MediaKind Kind, VideoInfo? Video, string? Problem)
{
    public static MediaProbe Inspect(byte[] content)
    {
        if (IsPng(content) || IsJpeg(content))
        {
            return new MediaProbe(MediaKind.Image, null, null);
        }

        try
        {
            return new MediaProbe(MediaKind.Video, Mp4HeaderReader.Read(content), null);
        }
        catch (Mp4FormatException ex)
        {
            return new MediaProbe(MediaKind.Unreadable, null, ex.Message);
        }
    }

    private static bool IsPng(ReadOnlySpan<byte> content) =>
        content.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);

    private static bool IsJpeg(ReadOnlySpan<byte> content) => content.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]);
}
