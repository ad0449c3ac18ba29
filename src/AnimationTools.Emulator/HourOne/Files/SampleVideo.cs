namespace AnimationTools.Emulator.HourOne;

/// <summary>The rendered file of every video: a real one-second 64×64 H.264 MP4 shipped in the assembly.</summary>
internal static class SampleVideo
{
    public static readonly byte[] Mp4 = Load("video.mp4");

    private static byte[] Load(string fileName)
    {
        var assembly = typeof(SampleVideo).Assembly;
        var resource = assembly.GetManifestResourceNames().Single(n => n.EndsWith("HourOne.Samples." + fileName, StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
