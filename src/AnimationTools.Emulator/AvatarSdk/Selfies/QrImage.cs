namespace AnimationTools.Emulator.AvatarSdk;

/// <summary>
/// The image of a selfie page's QR code: a real PNG with QR-like finder patterns whose modules are derived from the
/// URL. Emulator simplification: it is not a scannable QR code (tests use the page URL itself).
/// </summary>
internal static class QrImage
{
    public static byte[] For(string url)
    {
        const int size = 29;
        var modules = new bool[size, size];
        var seed = StaticResources.StableSeed(url);
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                modules[y, x] = ((x * 31 + y * 17 + seed) >> 3 & 1) == 1;
            }
        }

        foreach (var (ox, oy) in new[] { (0, 0), (size - 7, 0), (0, size - 7) })
        {
            for (var y = -1; y <= 7; y++)
            {
                for (var x = -1; x <= 7; x++)
                {
                    var (px, py) = (ox + x, oy + y);
                    if (px < 0 || py < 0 || px >= size || py >= size)
                    {
                        continue;
                    }

                    var ring = Math.Max(Math.Abs(x - 3), Math.Abs(y - 3));
                    modules[py, px] = ring is 3 or <= 1;
                }
            }
        }

        return Png.Modules(modules, scale: 4, quiet: 4);
    }
}
