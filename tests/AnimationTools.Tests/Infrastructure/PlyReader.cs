using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace AnimationTools.Tests.Infrastructure;

/// <summary>
/// A strict reader of binary little-endian PLY files as a loader sees them: the header (magic, format, elements and
/// their typed properties), a body whose length is exactly what the header announces, and the decoded vertices.
/// Fixed-size properties only (what point clouds use); a list property is rejected.
/// </summary>
public sealed class PlyReader
{
    static readonly Dictionary<string, int> TypeSizes = new()
    {
        ["char"] = 1, ["int8"] = 1, ["uchar"] = 1, ["uint8"] = 1,
        ["short"] = 2, ["int16"] = 2, ["ushort"] = 2, ["uint16"] = 2,
        ["int"] = 4, ["int32"] = 4, ["uint"] = 4, ["uint32"] = 4, ["float"] = 4, ["float32"] = 4,
        ["double"] = 8, ["float64"] = 8,
    };

    public string Format { get; private init; }

    public int VertexCount { get; private init; }

    /// <summary>Vertex properties in file order, with their types.</summary>
    public List<(string Name, string Type)> VertexProperties { get; } = [];

    /// <summary>x, y, z of every vertex.</summary>
    public float[] Positions { get; private set; }

    public static PlyReader Load(byte[] ply)
    {
        var headerEnd = IndexOf(ply, "end_header\n");
        Assert.True(headerEnd > 0, "no end_header line");
        var bodyStart = headerEnd + "end_header\n".Length;
        var lines = Encoding.ASCII.GetString(ply, 0, headerEnd).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("ply", lines[0]);
        Assert.Equal("format binary_little_endian 1.0", lines[1]);

        var elements = new List<(string Name, int Count, List<(string Name, string Type)> Properties)>();
        foreach (var line in lines.Skip(2))
        {
            var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            switch (words[0])
            {
                case "comment" or "obj_info":
                    break;
                case "element":
                    Assert.Equal(3, words.Length);
                    elements.Add((words[1], int.Parse(words[2], CultureInfo.InvariantCulture), []));
                    break;
                case "property":
                    Assert.True(elements.Count > 0, "property before any element");
                    Assert.NotEqual("list", words[1]);
                    Assert.True(TypeSizes.ContainsKey(words[1]), $"unknown property type {words[1]}");
                    elements[^1].Properties.Add((words[2], words[1]));
                    break;
                default:
                    throw new Xunit.Sdk.XunitException($"unexpected header line '{line}'");
            }
        }

        var vertex = elements.Single(e => e.Name == "vertex");
        Assert.Equal(["x", "y", "z"], vertex.Properties.Take(3).Select(p => p.Name));
        Assert.All(vertex.Properties.Take(3), p => Assert.Equal("float", p.Type));

        // The file holds exactly what the header announces: count × row size per element, nothing more.
        var bodyLength = elements.Sum(e => (long)e.Count * e.Properties.Sum(p => TypeSizes[p.Type]));
        Assert.Equal(bodyStart + bodyLength, ply.LongLength);

        var reader = new PlyReader { Format = "binary_little_endian", VertexCount = vertex.Count };
        reader.VertexProperties.AddRange(vertex.Properties);
        var offset = bodyStart + elements.TakeWhile(e => e.Name != "vertex").Sum(e => e.Count * e.Properties.Sum(p => TypeSizes[p.Type]));
        var row = vertex.Properties.Sum(p => TypeSizes[p.Type]);
        reader.Positions = new float[vertex.Count * 3];
        for (var i = 0; i < vertex.Count; i++)
        {
            for (var axis = 0; axis < 3; axis++)
            {
                var value = BinaryPrimitives.ReadSingleLittleEndian(ply.AsSpan(offset + i * row + 4 * axis));
                Assert.True(float.IsFinite(value), $"vertex {i} has a non-finite coordinate");
                reader.Positions[3 * i + axis] = value;
            }
        }

        return reader;
    }

    static int IndexOf(byte[] data, string text)
    {
        var pattern = Encoding.ASCII.GetBytes(text);
        return data.AsSpan(0, Math.Min(data.Length, 4096)).IndexOf(pattern);
    }
}
