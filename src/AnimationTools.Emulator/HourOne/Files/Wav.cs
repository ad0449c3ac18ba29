namespace AnimationTools.Emulator.HourOne;

/// <summary>A real WAV file (8 kHz, mono, 16-bit PCM) of a quiet tone: the audio of a voice preview.</summary>
internal static class Wav
{
    private const int SampleRate = 8000;

    public static byte[] Tone(double seconds)
    {
        var samples = (int)(seconds * SampleRate);
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream);
        writer.Write("RIFF"u8);
        writer.Write(36 + samples * 2);
        writer.Write("WAVE"u8);
        writer.Write("fmt "u8);
        writer.Write(16);
        writer.Write((short)1);
        writer.Write((short)1);
        writer.Write(SampleRate);
        writer.Write(SampleRate * 2);
        writer.Write((short)2);
        writer.Write((short)16);
        writer.Write("data"u8);
        writer.Write(samples * 2);
        for (var i = 0; i < samples; i++)
        {
            writer.Write((short)(Math.Sin(2 * Math.PI * 220 * i / SampleRate) * 3000));
        }

        writer.Flush();
        return stream.ToArray();
    }
}
