using System.Buffers.Binary;
using System.Text;
using System.Text.Json;

namespace AnimationTools.Tests.Infrastructure;

/// <summary>
/// A strict reader of binary glTF 2.0: checks the container and every reference a loader follows (scenes → nodes →
/// meshes → accessors → buffer views → the BIN chunk), the bounds a loader trusts (accessor ranges, POSITION
/// min/max, indices below the vertex count) and decodes the vertex positions.
/// </summary>
public sealed class GlbReader
{
    public JsonElement Document { get; private init; }

    public int TotalVertices { get; private set; }

    public List<string> MeshNames { get; } = [];

    public static GlbReader Load(byte[] glb)
    {
        Assert.True(glb.Length >= 28, "too short for a GLB");
        Assert.Equal(0x46546C67u, BinaryPrimitives.ReadUInt32LittleEndian(glb));
        Assert.Equal(2u, BinaryPrimitives.ReadUInt32LittleEndian(glb.AsSpan(4)));
        Assert.Equal((uint)glb.Length, BinaryPrimitives.ReadUInt32LittleEndian(glb.AsSpan(8)));
        var jsonLength = (int)BinaryPrimitives.ReadUInt32LittleEndian(glb.AsSpan(12));
        Assert.Equal(0x4E4F534Au, BinaryPrimitives.ReadUInt32LittleEndian(glb.AsSpan(16)));
        Assert.Equal(0, jsonLength % 4);
        var json = JsonDocument.Parse(Encoding.UTF8.GetString(glb, 20, jsonLength)).RootElement.Clone();
        var binStart = 20 + jsonLength;
        byte[] bin = [];
        if (binStart < glb.Length)
        {
            var binLength = (int)BinaryPrimitives.ReadUInt32LittleEndian(glb.AsSpan(binStart));
            Assert.Equal(0x004E4942u, BinaryPrimitives.ReadUInt32LittleEndian(glb.AsSpan(binStart + 4)));
            bin = glb.AsSpan(binStart + 8, binLength).ToArray();
        }

        var reader = new GlbReader { Document = json };
        reader.Validate(bin);
        return reader;
    }

    void Validate(byte[] bin)
    {
        var doc = Document;
        Assert.Equal("2.0", doc.GetProperty("asset").GetProperty("version").GetString());
        var buffers = doc.GetProperty("buffers").EnumerateArray().ToList();
        Assert.True(buffers[0].GetProperty("byteLength").GetInt32() <= bin.Length, "buffer 0 is longer than the BIN chunk");
        var views = doc.GetProperty("bufferViews").EnumerateArray().ToList();
        foreach (var view in views)
        {
            var offset = view.TryGetProperty("byteOffset", out var o) ? o.GetInt32() : 0;
            Assert.True(offset + view.GetProperty("byteLength").GetInt32() <= buffers[view.GetProperty("buffer").GetInt32()].GetProperty("byteLength").GetInt32());
        }

        var accessors = doc.GetProperty("accessors").EnumerateArray().ToList();
        foreach (var accessor in accessors)
        {
            var view = views[accessor.GetProperty("bufferView").GetInt32()];
            var size = ComponentSize(accessor.GetProperty("componentType").GetInt32()) * Components(accessor.GetProperty("type").GetString()!);
            var offset = accessor.TryGetProperty("byteOffset", out var o) ? o.GetInt32() : 0;
            Assert.True(offset + accessor.GetProperty("count").GetInt32() * size <= view.GetProperty("byteLength").GetInt32(), "accessor runs past its buffer view");
        }

        var meshes = doc.GetProperty("meshes").EnumerateArray().ToList();
        foreach (var node in doc.GetProperty("scenes")[doc.TryGetProperty("scene", out var s) ? s.GetInt32() : 0].GetProperty("nodes").EnumerateArray())
        {
            var n = doc.GetProperty("nodes")[node.GetInt32()];
            if (!n.TryGetProperty("mesh", out var meshIndex)) continue;
            var mesh = meshes[meshIndex.GetInt32()];
            MeshNames.Add(mesh.GetProperty("name").GetString()!);
            foreach (var primitive in mesh.GetProperty("primitives").EnumerateArray())
            {
                var position = accessors[primitive.GetProperty("attributes").GetProperty("POSITION").GetInt32()];
                var count = position.GetProperty("count").GetInt32();
                var floats = Read(bin, views[position.GetProperty("bufferView").GetInt32()], count * 3, 4).Select(b => BitConverter.ToSingle(b)).ToArray();
                var min = position.GetProperty("min").EnumerateArray().Select(v => v.GetSingle()).ToArray();
                var max = position.GetProperty("max").EnumerateArray().Select(v => v.GetSingle()).ToArray();
                for (var i = 0; i < floats.Length; i++)
                {
                    Assert.InRange(floats[i], min[i % 3] - 1e-5f, max[i % 3] + 1e-5f);
                }
                TotalVertices += count;
                if (primitive.TryGetProperty("indices", out var indicesIndex))
                {
                    var indices = accessors[indicesIndex.GetInt32()];
                    Assert.Equal(5125, indices.GetProperty("componentType").GetInt32());
                    var values = Read(bin, views[indices.GetProperty("bufferView").GetInt32()], indices.GetProperty("count").GetInt32(), 4).Select(b => BitConverter.ToUInt32(b)).ToList();
                    Assert.Equal(0, values.Count % 3);
                    Assert.All(values, v => Assert.True(v < count, "index out of range"));
                }
            }
        }

        if (doc.TryGetProperty("images", out var images))
        {
            foreach (var image in images.EnumerateArray())
            {
                Assert.True(image.TryGetProperty("uri", out _) || (image.TryGetProperty("bufferView", out var v) && v.GetInt32() < views.Count));
            }
        }
    }

    static IEnumerable<byte[]> Read(byte[] bin, JsonElement view, int count, int size)
    {
        var offset = view.TryGetProperty("byteOffset", out var o) ? o.GetInt32() : 0;
        for (var i = 0; i < count; i++) yield return bin.AsSpan(offset + i * size, size).ToArray();
    }

    static int ComponentSize(int type) => type switch { 5120 or 5121 => 1, 5122 or 5123 => 2, 5125 or 5126 => 4, _ => throw new Xunit.Sdk.XunitException("bad componentType " + type) };

    static int Components(string type) => type switch { "SCALAR" => 1, "VEC2" => 2, "VEC3" => 3, "VEC4" => 4, "MAT4" => 16, _ => throw new Xunit.Sdk.XunitException("bad type " + type) };
}

/// <summary>Reads the header of a PLY file (the counts of its elements and whether it is binary).</summary>
public static class PlyHeader
{
    public static (int Vertices, int Faces, string Format) Read(byte[] ply)
    {
        var text = Encoding.ASCII.GetString(ply, 0, Math.Min(ply.Length, 1024));
        Assert.StartsWith("ply\n", text);
        var end = text.IndexOf("end_header\n", StringComparison.Ordinal);
        Assert.True(end > 0, "no end_header");
        var lines = text[..end].Split('\n');
        int Count(string element) => lines.Where(l => l.StartsWith("element " + element + " ")).Select(l => int.Parse(l.Split(' ')[2])).FirstOrDefault();
        var format = lines.Single(l => l.StartsWith("format ")).Split(' ')[1];
        return (Count("vertex"), Count("face"), format);
    }
}
