using System.Globalization;
using System.Numerics;
using System.Text;

namespace AnimationTools.Emulator.DeepMotion;

/// <summary>Writes a real BVH: the humanoid HIERARCHY and a MOTION section with one line per frame.</summary>
internal static class BvhWriter
{
    public static byte[] Write(MotionClip clip)
    {
        var text = new StringBuilder();
        text.Append("HIERARCHY\n");
        WriteJoint(text, HumanoidSkeleton.Root, depth: 0);
        text.Append("MOTION\n");
        text.Append(CultureInfo.InvariantCulture, $"Frames: {clip.FrameCount}\n");
        text.Append(CultureInfo.InvariantCulture, $"Frame Time: {clip.FrameTime:0.000000}\n");
        for (var frame = 0; frame < clip.FrameCount; frame++)
        {
            WriteFrame(text, frame * clip.FrameTime);
        }

        return Encoding.ASCII.GetBytes(text.ToString());
    }

    private static void WriteJoint(StringBuilder text, Joint joint, int depth)
    {
        var indent = new string('\t', depth);
        var isRoot = depth == 0;
        text.Append(indent).Append(isRoot ? "ROOT " : "JOINT ").Append(joint.Name).Append('\n');
        text.Append(indent).Append("{\n");
        text.Append(indent).Append("\tOFFSET ").Append(Vector(joint.Offset)).Append('\n');
        text.Append(indent).Append(isRoot
            ? "\tCHANNELS 6 Xposition Yposition Zposition Zrotation Xrotation Yrotation\n"
            : "\tCHANNELS 3 Zrotation Xrotation Yrotation\n");
        foreach (var child in joint.Children)
        {
            WriteJoint(text, child, depth + 1);
        }

        if (joint.EndSite is { } end)
        {
            text.Append(indent).Append("\tEnd Site\n");
            text.Append(indent).Append("\t{\n");
            text.Append(indent).Append("\t\tOFFSET ").Append(Vector(end)).Append('\n');
            text.Append(indent).Append("\t}\n");
        }

        text.Append(indent).Append("}\n");
    }

    private static void WriteFrame(StringBuilder text, double seconds)
    {
        var values = new List<string> { Vector(WalkCycle.RootPosition(seconds)) };
        values.AddRange(HumanoidSkeleton.DepthFirst().Select(j => Vector(WalkCycle.Rotation(j.Name, seconds))));
        text.Append(string.Join(' ', values)).Append('\n');
    }

    private static string Vector(Vector3 v) =>
        string.Create(CultureInfo.InvariantCulture, $"{v.X:0.0000} {v.Y:0.0000} {v.Z:0.0000}");
}
