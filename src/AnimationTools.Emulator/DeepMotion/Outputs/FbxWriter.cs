using System.Buffers.Binary;
using System.Text;

namespace AnimationTools.Emulator.DeepMotion;

/// <summary>
/// A synthetic FBX: the real binary FBX header (magic and version 7400) followed by filler that names the rig;
/// enough for clients that sniff the format, not for a 3D package.
/// </summary>
internal static class FbxWriter
{
    private const uint Version = 7400;

    public static byte[] Write(string itemName, MotionClip clip)
    {
        using var file = new MemoryStream();
        file.Write("Kaydara FBX Binary  \0"u8);
        file.Write([0x1A, 0x00]);
        Span<byte> version = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(version, Version);
        file.Write(version);

        var description = $"AnimationTools emulator synthetic FBX; item={itemName}; frames={clip.FrameCount}; " +
            $"joints={string.Join(',', HumanoidSkeleton.DepthFirst().Select(j => j.Name))}";
        file.Write(Encoding.ASCII.GetBytes(description));
        file.Write(new byte[13]);
        return file.ToArray();
    }
}
