using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace AnimationTools.Emulator.AvatarSdk;

/// <summary>A triangle mesh: an ellipsoid standing in for a head, a haircut, a body part.</summary>
internal sealed class Mesh
{
    private Mesh(string name, float[] positions, float[] uvs, int[] indices)
    {
        Name = name;
        Positions = positions;
        Uvs = uvs;
        Indices = indices;
    }

    public string Name { get; }

    /// <summary>x, y, z per vertex (metres).</summary>
    public float[] Positions { get; }

    /// <summary>u, v per vertex.</summary>
    public float[] Uvs { get; }

    /// <summary>Three vertex indices per triangle.</summary>
    public int[] Indices { get; }

    public int VertexCount => Positions.Length / 3;

    public int FaceCount => Indices.Length / 3;

    /// <summary>An ellipsoid of rings × segments quads; higher LODs have fewer of both (LOD 0 is the most detailed).</summary>
    public static Mesh Ellipsoid(string name, int lod, float rx = 0.09f, float ry = 0.12f, float rz = 0.1f, float cx = 0, float cy = 1.6f, float cz = 0)
    {
        var rings = Math.Max(4, 24 - 2 * lod);
        var segments = Math.Max(6, 32 - 3 * lod);
        var positions = new List<float>();
        var uvs = new List<float>();
        for (var r = 0; r <= rings; r++)
        {
            var theta = Math.PI * r / rings;
            for (var s = 0; s <= segments; s++)
            {
                var phi = 2 * Math.PI * s / segments;
                positions.Add(cx + rx * (float)(Math.Sin(theta) * Math.Cos(phi)));
                positions.Add(cy + ry * (float)Math.Cos(theta));
                positions.Add(cz + rz * (float)(Math.Sin(theta) * Math.Sin(phi)));
                uvs.Add((float)s / segments);
                uvs.Add((float)r / rings);
            }
        }

        var indices = new List<int>();
        for (var r = 0; r < rings; r++)
        {
            for (var s = 0; s < segments; s++)
            {
                var a = r * (segments + 1) + s;
                var b = a + segments + 1;
                indices.AddRange([a, b, a + 1, a + 1, b, b + 1]);
            }
        }

        return new Mesh(name, [.. positions], [.. uvs], [.. indices]);
    }

    /// <summary>A binary little-endian PLY; with <paramref name="pointCloud"/> the vertices only.</summary>
    public byte[] ToPly(bool pointCloud = false)
    {
        using var output = new MemoryStream();
        var header = new StringBuilder()
            .Append("ply\nformat binary_little_endian 1.0\ncomment AnimationTools emulator (synthetic)\n")
            .Append(CultureInfo.InvariantCulture, $"element vertex {VertexCount}\nproperty float x\nproperty float y\nproperty float z\n");
        if (!pointCloud)
        {
            header.Append("property float s\nproperty float t\n").Append(CultureInfo.InvariantCulture, $"element face {FaceCount}\nproperty list uchar int vertex_indices\n");
        }

        header.Append("end_header\n");
        output.Write(Encoding.ASCII.GetBytes(header.ToString()));
        using var writer = new BinaryWriter(output, Encoding.ASCII, leaveOpen: true);
        for (var v = 0; v < VertexCount; v++)
        {
            writer.Write(Positions[3 * v]);
            writer.Write(Positions[3 * v + 1]);
            writer.Write(Positions[3 * v + 2]);
            if (!pointCloud)
            {
                writer.Write(Uvs[2 * v]);
                writer.Write(Uvs[2 * v + 1]);
            }
        }

        if (!pointCloud)
        {
            for (var f = 0; f < FaceCount; f++)
            {
                writer.Write((byte)3);
                writer.Write(Indices[3 * f]);
                writer.Write(Indices[3 * f + 1]);
                writer.Write(Indices[3 * f + 2]);
            }
        }

        writer.Flush();
        return output.ToArray();
    }

    public string ToObj(string? material)
    {
        var text = new StringBuilder("# AnimationTools emulator (synthetic)\n");
        if (material is not null)
        {
            text.Append("mtllib model.mtl\nusemtl ").Append(material).Append('\n');
        }

        for (var v = 0; v < VertexCount; v++)
        {
            text.Append(CultureInfo.InvariantCulture, $"v {Positions[3 * v]} {Positions[3 * v + 1]} {Positions[3 * v + 2]}\n");
        }

        for (var v = 0; v < VertexCount; v++)
        {
            text.Append(CultureInfo.InvariantCulture, $"vt {Uvs[2 * v]} {Uvs[2 * v + 1]}\n");
        }

        for (var f = 0; f < FaceCount; f++)
        {
            var (a, b, c) = (Indices[3 * f] + 1, Indices[3 * f + 1] + 1, Indices[3 * f + 2] + 1);
            text.Append(CultureInfo.InvariantCulture, $"f {a}/{a} {b}/{b} {c}/{c}\n");
        }

        return text.ToString();
    }
}

/// <summary>Zip archives as the service delivers meshes, point clouds, blendshapes and export files.</summary>
/// <summary>Zip archives with a fixed entry time, so the same content always gives the same bytes (a restarted download matches).</summary>
internal static class Zip
{
    private static readonly DateTimeOffset EntryTime = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static byte[] Of(IEnumerable<(string Name, byte[] Content)> entries)
    {
        using var archive = new MemoryStream();
        using (var zip = new ZipArchive(archive, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                var entry = zip.CreateEntry(name, CompressionLevel.Fastest);
                entry.LastWriteTime = EntryTime;
                using var stream = entry.Open();
                stream.Write(content);
            }
        }

        return archive.ToArray();
    }

    public static byte[] Of(string name, byte[] content) => Of([(name, content)]);
}

/// <summary>The binary FBX header followed by synthetic bytes: recognisable, not loadable by a 3D package.</summary>
internal static class FbxStub
{
    public static byte[] Write(string name)
    {
        var magic = Encoding.ASCII.GetBytes("Kaydara FBX Binary  \0");
        var body = Encoding.UTF8.GetBytes("AnimationTools emulator (synthetic FBX): " + name);
        return [.. magic, 0x1A, 0x00, .. BitConverter.GetBytes(7400), .. body];
    }
}
