namespace AnimationTools.Emulator.Teleport;

/// <summary>
/// The synthetic scene every model of a capture is made of: a coloured sphere on a pedestal standing on a floor
/// disc, as points. Deterministic: the same share id and point count give the same points in every run.
/// </summary>
internal sealed class PointSet
{
    private PointSet(float[] positions, byte[] colors)
    {
        Positions = positions;
        Colors = colors;
    }

    /// <summary>x, y, z per point (metres, y up).</summary>
    public float[] Positions { get; }

    /// <summary>red, green, blue per point.</summary>
    public byte[] Colors { get; }

    public int Count => Positions.Length / 3;

    public static PointSet Generate(string seed, int count)
    {
        var random = new SplitMix64(StableHash(seed));
        var positions = new float[count * 3];
        var colors = new byte[count * 3];
        for (var i = 0; i < count; i++)
        {
            float x, y, z;
            byte r, g, b;
            var pick = random.NextDouble();
            if (pick < 0.5)
            {
                // Sphere of radius 0.5 centred 1.2 m up, coloured by its normal.
                var (nx, ny, nz) = UnitVector(random);
                (x, y, z) = (0.5f * nx, 1.2f + 0.5f * ny, 0.5f * nz);
                (r, g, b) = (ToByte(nx), ToByte(ny), ToByte(nz));
            }
            else if (pick < 0.75)
            {
                // Pedestal: a cylinder of radius 0.3 from the floor to the sphere.
                var angle = random.NextDouble() * 2 * Math.PI;
                (x, y, z) = ((float)(0.3 * Math.Cos(angle)), (float)(random.NextDouble() * 0.7), (float)(0.3 * Math.Sin(angle)));
                var grey = (byte)(150 + random.Next(40));
                (r, g, b) = (grey, grey, grey);
            }
            else
            {
                // Floor disc of radius 2 m with a checker pattern.
                var radius = 2 * Math.Sqrt(random.NextDouble());
                var angle = random.NextDouble() * 2 * Math.PI;
                (x, y, z) = ((float)(radius * Math.Cos(angle)), 0f, (float)(radius * Math.Sin(angle)));
                var dark = ((int)Math.Floor(x * 2) + (int)Math.Floor(z * 2)) % 2 == 0;
                (r, g, b) = dark ? ((byte)60, (byte)50, (byte)40) : ((byte)200, (byte)190, (byte)170);
            }

            positions[3 * i] = x;
            positions[3 * i + 1] = y;
            positions[3 * i + 2] = z;
            colors[3 * i] = r;
            colors[3 * i + 1] = g;
            colors[3 * i + 2] = b;
        }

        return new PointSet(positions, colors);
    }

    /// <summary>Smallest and largest coordinate per axis.</summary>
    public (float[] Min, float[] Max) Bounds()
    {
        float[] min = [float.MaxValue, float.MaxValue, float.MaxValue];
        float[] max = [float.MinValue, float.MinValue, float.MinValue];
        for (var i = 0; i < Positions.Length; i++)
        {
            min[i % 3] = Math.Min(min[i % 3], Positions[i]);
            max[i % 3] = Math.Max(max[i % 3], Positions[i]);
        }

        return Count == 0 ? ([0, 0, 0], [0, 0, 0]) : (min, max);
    }

    /// <summary>The points whose index satisfies <paramref name="keep"/>, as their own set.</summary>
    public PointSet Where(Func<float, float, float, bool> keep)
    {
        var positions = new List<float>();
        var colors = new List<byte>();
        for (var i = 0; i < Count; i++)
        {
            if (keep(Positions[3 * i], Positions[3 * i + 1], Positions[3 * i + 2]))
            {
                positions.AddRange(Positions.AsSpan(3 * i, 3));
                colors.AddRange(Colors.AsSpan(3 * i, 3));
            }
        }

        return new PointSet([.. positions], [.. colors]);
    }

    private static (float X, float Y, float Z) UnitVector(SplitMix64 random)
    {
        var z = 2 * random.NextDouble() - 1;
        var angle = random.NextDouble() * 2 * Math.PI;
        var ring = Math.Sqrt(1 - z * z);
        return ((float)(ring * Math.Cos(angle)), (float)z, (float)(ring * Math.Sin(angle)));
    }

    private static byte ToByte(float unit) => (byte)Math.Clamp((int)((unit + 1) * 127.5), 0, 255);

    /// <summary>FNV-1a: string.GetHashCode differs between processes, which would make the files differ between runs.</summary>
    private static ulong StableHash(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }

    private sealed class SplitMix64(ulong seed)
    {
        private ulong state = seed;

        public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

        public int Next(int bound) => (int)(NextDouble() * bound);

        private ulong NextUInt64()
        {
            var z = state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
