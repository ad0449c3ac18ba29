using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace AnimationTools.Emulator.Teleport;

/// <summary>A model file of one content profile, as served from the emulator's "CDN".</summary>
internal sealed record ModelFile(string Profile, string FileName, string ContentType, byte[] Content, float[] Min, float[] Max);

/// <summary>
/// The files behind the metadata's content profiles (§4.7). <c>ply</c> is a real binary little-endian PLY point
/// cloud; <c>sogs-sh0</c> a zip of the six SOGS data files (<c>meta.json</c> and five <c>.bin</c>); the fragment
/// profiles zips of chunks (PLY for <c>fragment-chunk1</c>, half-float binaries for <c>fragment-float16</c>) with a
/// JSON index; the ksplat profiles synthetic bytes behind a ksplat-like header (not loadable by a viewer).
/// </summary>
internal static class ModelFiles
{
    public const string Ply = "ply";
    public const string SogsSh0 = "sogs-sh0";
    public const string FragmentChunk1 = "fragment-chunk1";
    public const string FragmentFloat16 = "fragment-float16";

    public static readonly IReadOnlyList<string> Profiles =
        [Ply, SogsSh0, FragmentChunk1, FragmentFloat16, "ksplat-v2-compress0", "ksplat-v2-compress1", "ksplat-v2-compress2"];

    /// <summary>Points per model: hd has four times as many as sd.</summary>
    public static int PointCount(string quality) => quality == "hd" ? 16384 : 4096;

    public static ModelFile Build(string sid, string profile, string quality)
    {
        var points = PointSet.Generate(sid, PointCount(quality));
        var (min, max) = points.Bounds();
        return profile switch
        {
            Ply => new ModelFile(profile, "point_cloud.ply", "application/octet-stream", WritePly(points), min, max),
            SogsSh0 => new ModelFile(profile, "sogs-sh0.zip", "application/zip", WriteSogs(points), min, max),
            FragmentChunk1 => new ModelFile(profile, "fragment-chunk1.zip", "application/zip", WriteFragments(points, half: false), min, max),
            FragmentFloat16 => new ModelFile(profile, "fragment-float16.zip", "application/zip", WriteFragments(points, half: true), min, max),
            _ => new ModelFile(profile, $"{profile}.ksplat", "application/octet-stream", WriteKsplat(points, profile[^1] - '0'), min, max),
        };
    }

    /// <summary>Binary little-endian PLY: <c>x y z</c> floats and <c>red green blue</c> uchars per vertex.</summary>
    public static byte[] WritePly(PointSet points)
    {
        using var output = new MemoryStream();
        var header = new StringBuilder()
            .Append("ply\nformat binary_little_endian 1.0\ncomment Varjo Teleport emulator (synthetic point cloud)\n")
            .Append(CultureInfo.InvariantCulture, $"element vertex {points.Count}\n")
            .Append("property float x\nproperty float y\nproperty float z\n")
            .Append("property uchar red\nproperty uchar green\nproperty uchar blue\n")
            .Append("end_header\n");
        output.Write(Encoding.ASCII.GetBytes(header.ToString()));
        Span<byte> vertex = stackalloc byte[15];
        for (var i = 0; i < points.Count; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(vertex, points.Positions[3 * i]);
            BinaryPrimitives.WriteSingleLittleEndian(vertex[4..], points.Positions[3 * i + 1]);
            BinaryPrimitives.WriteSingleLittleEndian(vertex[8..], points.Positions[3 * i + 2]);
            vertex[12] = points.Colors[3 * i];
            vertex[13] = points.Colors[3 * i + 1];
            vertex[14] = points.Colors[3 * i + 2];
            output.Write(vertex);
        }

        return output.ToArray();
    }

    /// <summary>
    /// The six SOGS files: positions quantised to 16 bits and split into low and high bytes (<c>means_l</c>,
    /// <c>means_u</c>), identity rotations, constant scales, colours as DC spherical harmonics, and their ranges.
    /// </summary>
    private static byte[] WriteSogs(PointSet points)
    {
        var (min, max) = points.Bounds();
        var count = points.Count;
        var low = new byte[count * 3];
        var high = new byte[count * 3];
        for (var i = 0; i < count * 3; i++)
        {
            var axis = i % 3;
            var range = max[axis] - min[axis];
            var quantised = range <= 0 ? 0 : (ushort)Math.Round((points.Positions[i] - min[axis]) / range * 65535);
            low[i] = (byte)quantised;
            high[i] = (byte)(quantised >> 8);
        }

        var quats = new byte[count * 4];
        var scales = new byte[count * 3];
        var sh0 = new byte[count * 4];
        for (var i = 0; i < count; i++)
        {
            quats[4 * i + 3] = 255;
            scales[3 * i] = scales[3 * i + 1] = scales[3 * i + 2] = 128;
            points.Colors.AsSpan(3 * i, 3).CopyTo(sh0.AsSpan(4 * i));
            sh0[4 * i + 3] = 255;
        }

        var meta = new
        {
            version = 1,
            count,
            means = new { shape = new[] { count, 3 }, dtype = "float32", mins = min, maxs = max, files = new[] { "means_l.bin", "means_u.bin" } },
            quats = new { shape = new[] { count, 4 }, dtype = "uint8", encoding = "quaternion_packed", files = new[] { "quats.bin" } },
            scales = new { shape = new[] { count, 3 }, dtype = "float32", mins = new[] { -6f, -6f, -6f }, maxs = new[] { -2f, -2f, -2f }, files = new[] { "scales.bin" } },
            sh0 = new { shape = new[] { count, 1, 4 }, dtype = "float32", mins = new[] { -2f, -2f, -2f, -6f }, maxs = new[] { 2f, 2f, 2f, 6f }, files = new[] { "sh0.bin" } },
        };
        return Zip(
            ("meta.json", JsonSerializer.SerializeToUtf8Bytes(meta)),
            ("means_l.bin", low),
            ("means_u.bin", high),
            ("quats.bin", quats),
            ("scales.bin", scales),
            ("sh0.bin", sh0));
    }

    /// <summary>Four chunks, one per quadrant of the floor plan, plus <c>chunks.json</c> naming them with their bounds.</summary>
    private static byte[] WriteFragments(PointSet points, bool half)
    {
        var entries = new List<(string Name, byte[] Content)>();
        var index = new List<object>();
        var quadrants = new (string Name, Func<float, float, float, bool> Keep)[]
        {
            ("chunk_000", (x, _, z) => x < 0 && z < 0),
            ("chunk_001", (x, _, z) => x >= 0 && z < 0),
            ("chunk_002", (x, _, z) => x < 0 && z >= 0),
            ("chunk_003", (x, _, z) => x >= 0 && z >= 0),
        };
        foreach (var (name, keep) in quadrants)
        {
            var chunk = points.Where(keep);
            var (min, max) = chunk.Bounds();
            var file = name + (half ? ".bin" : ".ply");
            entries.Add((file, half ? WriteHalfFloats(chunk) : WritePly(chunk)));
            index.Add(new { file, points = chunk.Count, aabb = new { min, max } });
        }

        entries.Insert(0, ("chunks.json", JsonSerializer.SerializeToUtf8Bytes(new
        {
            format = half ? "xyz-float16-rgb8" : "ply",
            chunks = index,
        })));
        return Zip([.. entries]);
    }

    /// <summary>Per point: x, y, z as little-endian half floats, then red, green, blue bytes (9 bytes).</summary>
    private static byte[] WriteHalfFloats(PointSet points)
    {
        var bytes = new byte[points.Count * 9];
        for (var i = 0; i < points.Count; i++)
        {
            for (var axis = 0; axis < 3; axis++)
            {
                BinaryPrimitives.WriteHalfLittleEndian(bytes.AsSpan(9 * i + 2 * axis), (Half)points.Positions[3 * i + axis]);
            }

            points.Colors.AsSpan(3 * i, 3).CopyTo(bytes.AsSpan(9 * i + 6));
        }

        return bytes;
    }

    /// <summary>A 4096-byte ksplat-like header (version 0.1, counts, compression level) followed by raw points.</summary>
    private static byte[] WriteKsplat(PointSet points, int compressionLevel)
    {
        var header = new byte[4096];
        header[0] = 0;
        header[1] = 1;
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(4), 1);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(8), 1);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(12), (uint)points.Count);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(16), (uint)points.Count);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(20), (ushort)Math.Clamp(compressionLevel, 0, 2));
        var bytes = new byte[header.Length + points.Count * 15];
        header.CopyTo(bytes, 0);
        for (var i = 0; i < points.Count; i++)
        {
            var at = header.Length + 15 * i;
            for (var axis = 0; axis < 3; axis++)
            {
                BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(at + 4 * axis), points.Positions[3 * i + axis]);
            }

            points.Colors.AsSpan(3 * i, 3).CopyTo(bytes.AsSpan(at + 12));
        }

        return bytes;
    }

    private static byte[] Zip(params (string Name, byte[] Content)[] entries)
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                var entry = zip.CreateEntry(name, CompressionLevel.Fastest);
                // A fixed time: the same capture gives byte-identical files in every run.
                entry.LastWriteTime = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
                using var stream = entry.Open();
                stream.Write(content);
            }
        }

        return output.ToArray();
    }
}
