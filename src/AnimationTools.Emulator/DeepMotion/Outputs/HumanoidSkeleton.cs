using System.Numerics;

namespace AnimationTools.Emulator.DeepMotion;

/// <summary>One joint of the output skeleton; offsets are centimetres from the parent joint.</summary>
internal sealed record Joint(string Name, Vector3 Offset, IReadOnlyList<Joint> Children, Vector3? EndSite = null);

/// <summary>The small humanoid rig every synthetic output uses (Mixamo-like joint names, Y up, T-pose).</summary>
internal static class HumanoidSkeleton
{
    public static readonly Joint Root = Build();

    public static IEnumerable<Joint> DepthFirst(Joint? from = null)
    {
        var joint = from ?? Root;
        yield return joint;
        foreach (var descendant in joint.Children.SelectMany(DepthFirst))
        {
            yield return descendant;
        }
    }

    private static Joint Build()
    {
        var head = new Joint("Head", new(0, 10, 0), [], EndSite: new(0, 18, 0));
        var neck = new Joint("Neck", new(0, 22, 0), [head]);
        var spine1 = new Joint("Spine1", new(0, 14, 0), [neck, Arm("Left", 1), Arm("Right", -1)]);
        var spine = new Joint("Spine", new(0, 10, 0), [spine1]);
        return new Joint("Hips", Vector3.Zero, [spine, Leg("Left", 1), Leg("Right", -1)]);
    }

    private static Joint Arm(string side, float sign)
    {
        var hand = new Joint($"{side}Hand", new(sign * 25, 0, 0), [], EndSite: new(sign * 12, 0, 0));
        var foreArm = new Joint($"{side}ForeArm", new(sign * 26, 0, 0), [hand]);
        var arm = new Joint($"{side}Arm", new(sign * 12, 0, 0), [foreArm]);
        return new Joint($"{side}Shoulder", new(sign * 5, 18, 0), [arm]);
    }

    private static Joint Leg(string side, float sign)
    {
        var toe = new Joint($"{side}ToeBase", new(0, -7, 12), [], EndSite: new(0, 0, 6));
        var foot = new Joint($"{side}Foot", new(0, -42, 0), [toe]);
        var leg = new Joint($"{side}Leg", new(0, -43, 0), [foot]);
        return new Joint($"{side}UpLeg", new(sign * 9, -3, 0), [leg]);
    }
}
