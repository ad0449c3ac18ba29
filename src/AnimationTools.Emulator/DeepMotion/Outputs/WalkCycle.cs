using System.Numerics;

namespace AnimationTools.Emulator.DeepMotion;

/// <summary>A plausible one-second walk cycle, so the synthetic animation moves like a person rather than noise.</summary>
internal static class WalkCycle
{
    private const double StepsPerSecond = 1.0;
    private const float ForwardSpeed = 60f;
    private const float HipHeight = 93f;

    public static Vector3 RootPosition(double seconds)
    {
        var phase = Phase(seconds);
        return new Vector3(0, HipHeight + (2f * MathF.Sin(2 * phase)), ForwardSpeed * (float)seconds);
    }

    /// <summary>Euler angles in degrees, as (Z, X, Y) in BVH channel order.</summary>
    public static Vector3 Rotation(string joint, double seconds)
    {
        var swing = MathF.Sin(Phase(seconds));
        var bend = MathF.Max(0, MathF.Sin(Phase(seconds) + (MathF.PI / 2)));
        return joint switch
        {
            "Hips" => new(2 * swing, 0, 4 * swing),
            "Spine" => new(-1 * swing, 3, -3 * swing),
            "LeftUpLeg" => new(0, -25 * swing, 0),
            "RightUpLeg" => new(0, 25 * swing, 0),
            "LeftLeg" => new(0, 35 * bend, 0),
            "RightLeg" => new(0, 35 * (1 - bend), 0),
            "LeftArm" => new(-70, 20 * swing, 0),
            "RightArm" => new(70, -20 * swing, 0),
            "LeftForeArm" => new(0, 0, 15 + (10 * swing)),
            "RightForeArm" => new(0, 0, -15 + (10 * swing)),
            "Head" => new(0, 0, 5 * swing),
            _ => Vector3.Zero,
        };
    }

    private static float Phase(double seconds) => (float)(2 * Math.PI * StepsPerSecond * seconds);
}
