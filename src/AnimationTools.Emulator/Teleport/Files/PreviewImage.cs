using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace AnimationTools.Emulator.Teleport;

/// <summary>
/// The preview images of <c>preview_urls</c>: a real PNG of the named size (RGB, 8 bits) showing the scene's
/// sphere on its floor, in a colour derived from the share id.
/// </summary>
internal static class PreviewImage
{
    /// <summary>The sizes of <c>preview_urls</c> keys, as the docs' example lists them.</summary>
    public static readonly IReadOnlyList<(int Width, int Height)> Sizes = [(432, 576), (897, 1196)];

    private static readonly uint[] CrcTable = Enumerable.Range(0, 256).Select(n =>
    {
        var c = (uint)n;
        for (var k = 0; k < 8; k++)
        {
            c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        }

        return c;
    }).ToArray();

    public static string Key(int width, int height) => $"{width}x{height}";

    public static byte[] Png(string sid, int width, int height)
    {
        var hue = sid.Aggregate(0, (h, c) => (h * 31 + c) & 0xFFFF) % 360;
        var (r, g, b) = FromHue(hue);
        var raw = new byte[(width * 3 + 1) * height];
        var radius = Math.Min(width, height) * 0.3;
        var (cx, cy) = (width / 2.0, height * 0.42);
        for (var y = 0; y < height; y++)
        {
            var row = y * (width * 3 + 1);
            raw[row] = 0;
            for (var x = 0; x < width; x++)
            {
                var inside = (x - cx) * (x - cx) + (y - cy) * (y - cy) <= radius * radius;
                var floor = y > height * 0.75;
                var at = row + 1 + 3 * x;
                (raw[at], raw[at + 1], raw[at + 2]) = inside ? (r, g, b) : floor ? ((byte)120, (byte)110, (byte)100) : ((byte)235, (byte)238, (byte)242);
            }
        }

        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8;
        ihdr[9] = 2;
        Chunk(png, "IHDR", ihdr);
        using (var compressed = new MemoryStream())
        {
            using (var zlib = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
            {
                zlib.Write(raw);
            }

            Chunk(png, "IDAT", compressed.ToArray());
        }

        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream output, string type, byte[] data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        output.Write(number);
        var typeBytes = Encoding.ASCII.GetBytes(type);
        output.Write(typeBytes);
        output.Write(data);
        var crc = 0xFFFFFFFFu;
        foreach (var value in typeBytes.Concat(data))
        {
            crc = CrcTable[(crc ^ value) & 0xFF] ^ (crc >> 8);
        }

        BinaryPrimitives.WriteUInt32BigEndian(number, crc ^ 0xFFFFFFFFu);
        output.Write(number);
    }

    private static (byte R, byte G, byte B) FromHue(int hue)
    {
        var x = (byte)(200 * (1 - Math.Abs(hue / 60.0 % 2 - 1)) + 40);
        return (hue / 60) switch
        {
            0 => (240, x, 40),
            1 => (x, 240, 40),
            2 => (40, 240, x),
            3 => (40, x, 240),
            4 => (x, 40, 240),
            _ => (240, 40, x),
        };
    }
}
