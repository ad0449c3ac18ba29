using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AnimationTools.Emulator.AvatarSdk;

/// <summary>A texture of a glTF part: embedded in the buffer, or referenced by a file name beside the model.</summary>
internal sealed record GltfTexture(string FileName, string MimeType, byte[] Content, bool Embedded);

/// <summary>One node of a glTF scene: a mesh with an optional base-colour texture.</summary>
internal sealed record GltfPart(Mesh Mesh, GltfTexture? Texture);

/// <summary>
/// Writes valid glTF 2.0: positions (with min/max), UVs and uint32 indices per mesh, one material per textured part.
/// As GLB (JSON and BIN chunks) or as .gltf JSON whose buffer is a separate .bin file.
/// </summary>
internal static class Gltf
{
    private const uint Magic = 0x46546C67;
    private const uint JsonChunk = 0x4E4F534A;
    private const uint BinChunk = 0x004E4942;

    public static byte[] Glb(IReadOnlyList<GltfPart> parts)
    {
        var (document, binary) = Build(parts, bufferUri: null);
        var json = Encoding.UTF8.GetBytes(document.ToJsonString());
        var jsonPadded = Pad(json.Length);
        var binPadded = Pad(binary.Length);
        var glb = new byte[12 + 8 + jsonPadded + 8 + binPadded];
        BinaryPrimitives.WriteUInt32LittleEndian(glb.AsSpan(0), Magic);
        BinaryPrimitives.WriteUInt32LittleEndian(glb.AsSpan(4), 2);
        BinaryPrimitives.WriteUInt32LittleEndian(glb.AsSpan(8), (uint)glb.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(glb.AsSpan(12), (uint)jsonPadded);
        BinaryPrimitives.WriteUInt32LittleEndian(glb.AsSpan(16), JsonChunk);
        json.CopyTo(glb, 20);
        glb.AsSpan(20 + json.Length, jsonPadded - json.Length).Fill((byte)' ');
        var bin = 20 + jsonPadded;
        BinaryPrimitives.WriteUInt32LittleEndian(glb.AsSpan(bin), (uint)binPadded);
        BinaryPrimitives.WriteUInt32LittleEndian(glb.AsSpan(bin + 4), BinChunk);
        binary.CopyTo(glb, bin + 8);
        return glb;
    }

    /// <summary>The .gltf JSON and its .bin buffer (textures stay separate files named by <see cref="GltfTexture.FileName"/>).</summary>
    public static (byte[] Json, byte[] Bin) Separate(IReadOnlyList<GltfPart> parts, string binName)
    {
        var (document, binary) = Build(parts, binName);
        return (Encoding.UTF8.GetBytes(document.ToJsonString(new JsonSerializerOptions { WriteIndented = true })), binary);
    }

    private static int Pad(int length) => (length + 3) & ~3;

    private static (JsonObject Document, byte[] Binary) Build(IReadOnlyList<GltfPart> parts, string? bufferUri)
    {
        var buffer = new MemoryStream();
        var bufferViews = new JsonArray();
        var accessors = new JsonArray();
        var meshes = new JsonArray();
        var nodes = new JsonArray();
        var materials = new JsonArray();
        var textures = new JsonArray();
        var images = new JsonArray();

        int View(byte[] data, int? target)
        {
            while (buffer.Length % 4 != 0)
            {
                buffer.WriteByte(0);
            }

            var view = new JsonObject { ["buffer"] = 0, ["byteOffset"] = buffer.Length, ["byteLength"] = data.Length };
            if (target is { } t)
            {
                view["target"] = t;
            }

            buffer.Write(data);
            bufferViews.Add(view);
            return bufferViews.Count - 1;
        }

        int Accessor(int view, int componentType, int count, string type, JsonArray? min = null, JsonArray? max = null)
        {
            var accessor = new JsonObject { ["bufferView"] = view, ["componentType"] = componentType, ["count"] = count, ["type"] = type };
            if (min is not null)
            {
                accessor["min"] = min;
                accessor["max"] = max;
            }

            accessors.Add(accessor);
            return accessors.Count - 1;
        }

        foreach (var part in parts)
        {
            var mesh = part.Mesh;
            var positions = Floats(mesh.Positions);
            var (min, max) = Bounds(mesh.Positions);
            var position = Accessor(View(positions, 34962), 5126, mesh.VertexCount, "VEC3", min, max);
            var uv = Accessor(View(Floats(mesh.Uvs), 34962), 5126, mesh.VertexCount, "VEC2");
            var indexBytes = new byte[mesh.Indices.Length * 4];
            for (var i = 0; i < mesh.Indices.Length; i++)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(indexBytes.AsSpan(4 * i), (uint)mesh.Indices[i]);
            }

            var indices = Accessor(View(indexBytes, 34963), 5125, mesh.Indices.Length, "SCALAR");
            var primitive = new JsonObject
            {
                ["attributes"] = new JsonObject { ["POSITION"] = position, ["TEXCOORD_0"] = uv },
                ["indices"] = indices,
                ["mode"] = 4,
            };
            if (part.Texture is { } texture)
            {
                var image = texture.Embedded
                    ? new JsonObject { ["name"] = texture.FileName, ["bufferView"] = View(texture.Content, null), ["mimeType"] = texture.MimeType }
                    : new JsonObject { ["name"] = texture.FileName, ["uri"] = texture.FileName };
                images.Add(image);
                textures.Add(new JsonObject { ["source"] = images.Count - 1 });
                materials.Add(new JsonObject
                {
                    ["name"] = mesh.Name,
                    ["pbrMetallicRoughness"] = new JsonObject { ["baseColorTexture"] = new JsonObject { ["index"] = textures.Count - 1 }, ["metallicFactor"] = 0.0 },
                });
                primitive["material"] = materials.Count - 1;
            }

            meshes.Add(new JsonObject { ["name"] = mesh.Name, ["primitives"] = new JsonArray(primitive) });
            nodes.Add(new JsonObject { ["name"] = mesh.Name, ["mesh"] = meshes.Count - 1 });
        }

        while (buffer.Length % 4 != 0)
        {
            buffer.WriteByte(0);
        }

        var binary = buffer.ToArray();
        var bufferNode = new JsonObject { ["byteLength"] = binary.Length };
        if (bufferUri is not null)
        {
            bufferNode["uri"] = bufferUri;
        }

        var document = new JsonObject
        {
            ["asset"] = new JsonObject { ["version"] = "2.0", ["generator"] = "AnimationTools emulator (synthetic avatar)" },
            ["scene"] = 0,
            ["scenes"] = new JsonArray(new JsonObject { ["name"] = "avatar", ["nodes"] = new JsonArray(Enumerable.Range(0, nodes.Count).Select(i => (JsonNode)i).ToArray()) }),
            ["nodes"] = nodes,
            ["meshes"] = meshes,
            ["accessors"] = accessors,
            ["bufferViews"] = bufferViews,
            ["buffers"] = new JsonArray(bufferNode),
        };
        if (materials.Count > 0)
        {
            document["materials"] = materials;
            document["textures"] = textures;
            document["images"] = images;
        }

        return (document, binary);
    }

    private static byte[] Floats(float[] values)
    {
        var bytes = new byte[values.Length * 4];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(4 * i), values[i]);
        }

        return bytes;
    }

    private static (JsonArray Min, JsonArray Max) Bounds(float[] positions)
    {
        var min = new[] { float.MaxValue, float.MaxValue, float.MaxValue };
        var max = new[] { float.MinValue, float.MinValue, float.MinValue };
        for (var i = 0; i < positions.Length; i++)
        {
            min[i % 3] = Math.Min(min[i % 3], positions[i]);
            max[i % 3] = Math.Max(max[i % 3], positions[i]);
        }

        return (new JsonArray(min.Select(v => (JsonNode)v).ToArray()), new JsonArray(max.Select(v => (JsonNode)v).ToArray()));
    }
}
