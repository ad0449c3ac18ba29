using System.Buffers.Binary;
using System.Text;
using System.Text.Json;

namespace AnimationTools.Emulator.DeepMotion;

/// <summary>A minimal valid glTF 2.0 binary: header, one JSON chunk describing the skeleton as a node tree.</summary>
internal static class GlbWriter
{
    private const uint Magic = 0x46546C67;
    private const uint JsonChunkType = 0x4E4F534A;

    public static byte[] Write(string itemName)
    {
        var joints = HumanoidSkeleton.DepthFirst().ToList();
        var index = joints.Select((joint, i) => (joint, i)).ToDictionary(p => p.joint, p => p.i);
        var document = new
        {
            asset = new { version = "2.0", generator = "AnimationTools emulator (synthetic)" },
            scene = 0,
            scenes = new[] { new { name = itemName, nodes = new[] { 0 } } },
            nodes = joints.Select(j => new
            {
                name = j.Name,
                translation = new[] { j.Offset.X / 100, j.Offset.Y / 100, j.Offset.Z / 100 },
                children = j.Children.Count == 0 ? null : j.Children.Select(c => index[c]).ToArray(),
            }),
        };

        var json = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(document, Infrastructure.EmulatorJson.Options));
        // Chunks are 4-byte aligned; the JSON chunk is padded with spaces.
        var padded = (json.Length + 3) & ~3;
        var glb = new byte[12 + 8 + padded];
        BinaryPrimitives.WriteUInt32LittleEndian(glb.AsSpan(0), Magic);
        BinaryPrimitives.WriteUInt32LittleEndian(glb.AsSpan(4), 2);
        BinaryPrimitives.WriteUInt32LittleEndian(glb.AsSpan(8), (uint)glb.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(glb.AsSpan(12), (uint)padded);
        BinaryPrimitives.WriteUInt32LittleEndian(glb.AsSpan(16), JsonChunkType);
        json.CopyTo(glb, 20);
        glb.AsSpan(20 + json.Length).Fill((byte)' ');
        return glb;
    }
}
