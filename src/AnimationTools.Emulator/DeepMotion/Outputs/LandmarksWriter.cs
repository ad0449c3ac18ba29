using System.Numerics;
using System.Text.Json;

namespace AnimationTools.Emulator.DeepMotion;

/// <summary>
/// The <c>landmarks.dmpe</c> item. The real format is undocumented; the emulator writes JSON with one set of joint
/// positions (metres) per frame.
/// </summary>
internal static class LandmarksWriter
{
    public static byte[] Write(MotionClip clip)
    {
        var names = HumanoidSkeleton.DepthFirst().Select(j => j.Name).ToList();
        var frames = Enumerable.Range(0, clip.FrameCount).Select(frame =>
        {
            var root = WalkCycle.RootPosition(frame * clip.FrameTime) / 100;
            return new
            {
                time = Math.Round(frame * clip.FrameTime, 4),
                landmarks = RestPositions().Select(p => new[] { p.X + root.X, p.Y + root.Y, p.Z + root.Z }).ToList(),
            };
        });

        return JsonSerializer.SerializeToUtf8Bytes(
            new { format = "dmpe (AnimationTools emulator, synthetic)", fps = clip.FrameRate, joints = names, frames },
            Infrastructure.EmulatorJson.Options);
    }

    private static IEnumerable<Vector3> RestPositions()
    {
        var positions = new List<Vector3>();
        Walk(HumanoidSkeleton.Root, Vector3.Zero);
        return positions;

        void Walk(Joint joint, Vector3 parent)
        {
            var position = parent + (joint.Offset / 100);
            positions.Add(position);
            foreach (var child in joint.Children)
            {
                Walk(child, position);
            }
        }
    }
}
