using System.Globalization;
using System.Text.RegularExpressions;

namespace AnimationTools.Emulator.DeepMotion;

/// <summary>
/// A request <c>Content-Range</c> of the GCS resumable protocol: <c>bytes first-last/total</c>, <c>bytes first-last/*</c>
/// (total not known yet) or <c>bytes */total</c> (status query).
/// </summary>
internal readonly partial record struct ContentRange(long? First, long? Last, long? Total)
{
    public bool IsStatusQuery => First is null;

    public long Length => Last!.Value - First!.Value + 1;

    public static bool TryParse(string header, out ContentRange range)
    {
        range = default;
        var match = Pattern().Match(header.Trim());
        if (!match.Success)
        {
            return false;
        }

        long? total = match.Groups["total"].Value == "*" ? null : Number(match.Groups["total"].Value);
        if (match.Groups["first"].Success)
        {
            var first = Number(match.Groups["first"].Value);
            var last = Number(match.Groups["last"].Value);
            if (last < first || (total is { } t && last >= t))
            {
                return false;
            }

            range = new ContentRange(first, last, total);
            return true;
        }

        // "bytes */*" says nothing at all.
        if (total is null)
        {
            return false;
        }

        range = new ContentRange(null, null, total);
        return true;
    }

    private static long Number(string digits) => long.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^bytes\s+(?:(?<first>\d{1,18})-(?<last>\d{1,18})|\*)/(?<total>\d{1,18}|\*)$", RegexOptions.IgnoreCase)]
    private static partial Regex Pattern();
}
