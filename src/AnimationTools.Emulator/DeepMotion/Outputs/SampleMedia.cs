namespace AnimationTools.Emulator.DeepMotion;

/// <summary>Small real media files shipped in the assembly, used as rendered outputs.</summary>
internal static class SampleMedia
{
    public static readonly byte[] RenderPng = Load("render.png");
    public static readonly byte[] RenderJpg = Load("render.jpg");

    /// <summary>A one-second H.264 clip, the rendered video of a job whose input was a still image.</summary>
    public static readonly byte[] RenderMp4 = Load("render.mp4");

    private static byte[] Load(string fileName)
    {
        var assembly = typeof(SampleMedia).Assembly;
        var resource = assembly.GetManifestResourceNames().Single(n => n.EndsWith("Samples." + fileName, StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
