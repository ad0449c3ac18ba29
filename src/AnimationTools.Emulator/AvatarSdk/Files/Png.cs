using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace AnimationTools.Emulator.AvatarSdk;

/// <summary>Real PNG images (8-bit RGB or RGBA), drawn as a gradient tinted by a seed so that files differ.</summary>
internal static class Png
{
    private static readonly uint[] CrcTable = BuildCrcTable();

    public static byte[] Pattern(int width, int height, int seed, bool alpha = false)
    {
        var channels = alpha ? 4 : 3;
        var (r, g, b) = ((seed * 67) & 0xFF, (seed * 131) & 0xFF, (seed * 197) & 0xFF);
        var raw = new byte[height * (1 + width * channels)];
        var i = 0;
        for (var y = 0; y < height; y++)
        {
            raw[i++] = 0;
            for (var x = 0; x < width; x++)
            {
                raw[i++] = (byte)((r + x * 255 / Math.Max(1, width - 1)) / 2);
                raw[i++] = (byte)((g + y * 255 / Math.Max(1, height - 1)) / 2);
                raw[i++] = (byte)b;
                if (alpha)
                {
                    raw[i++] = (byte)((x + y) % 2 == 0 ? 255 : 128);
                }
            }
        }

        return Encode(width, height, alpha, raw);
    }

    /// <summary>A black-and-white image of a square module grid (the QR code of a selfie page).</summary>
    public static byte[] Modules(bool[,] modules, int scale, int quiet)
    {
        var size = modules.GetLength(0);
        var pixels = (size + 2 * quiet) * scale;
        var raw = new byte[pixels * (1 + pixels * 3)];
        var i = 0;
        for (var y = 0; y < pixels; y++)
        {
            raw[i++] = 0;
            for (var x = 0; x < pixels; x++)
            {
                var (mx, my) = (x / scale - quiet, y / scale - quiet);
                var dark = mx >= 0 && my >= 0 && mx < size && my < size && modules[my, mx];
                var value = dark ? (byte)0 : (byte)255;
                raw[i++] = value;
                raw[i++] = value;
                raw[i++] = value;
            }
        }

        return Encode(pixels, pixels, false, raw);
    }

    private static byte[] Encode(int width, int height, bool alpha, byte[] raw)
    {
        using var output = new MemoryStream();
        output.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8;
        header[9] = (byte)(alpha ? 6 : 2);
        Chunk(output, "IHDR", header);
        using (var compressed = new MemoryStream())
        {
            using (var zlib = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
            {
                zlib.Write(raw);
            }

            Chunk(output, "IDAT", compressed.ToArray());
        }

        Chunk(output, "IEND", []);
        return output.ToArray();
    }

    private static void Chunk(Stream output, string type, byte[] data)
    {
        var length = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        output.Write(length);
        var typeBytes = Encoding.ASCII.GetBytes(type);
        output.Write(typeBytes);
        output.Write(data);
        var crc = 0xFFFFFFFFu;
        foreach (var b in typeBytes.Concat(data))
        {
            crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        var crcBytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crcBytes, crc ^ 0xFFFFFFFFu);
        output.Write(crcBytes);
    }

    private static uint[] BuildCrcTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}

/// <summary>A real JPEG (a 160×120 test pattern) shipped in the assembly: textures and photos the emulator serves.</summary>
internal static class Jpeg
{
    public static readonly byte[] Texture = Load("texture.jpg");

    public static bool IsJpeg(ReadOnlySpan<byte> data) => data.Length > 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF;

    public static bool IsPng(ReadOnlySpan<byte> data) => data.Length > 8 && data[0] == 0x89 && data[1] == 0x50 && data[2] == 0x4E && data[3] == 0x47;

    private static byte[] Load(string fileName)
    {
        var assembly = typeof(Jpeg).Assembly;
        var resource = assembly.GetManifestResourceNames().Single(n => n.EndsWith("AvatarSdk.Samples." + fileName, StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
