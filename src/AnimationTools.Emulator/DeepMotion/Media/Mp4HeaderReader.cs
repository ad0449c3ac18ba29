using System.Buffers.Binary;
using System.Text;

namespace AnimationTools.Emulator.DeepMotion;

/// <summary>
/// Reads the facts <c>/videoInfo</c> needs from ISO-BMFF boxes: duration from <c>moov/mvhd</c>, frame size from the
/// video track's <c>tkhd</c>, frame rate from <c>mdhd</c> + <c>stts</c>, codec from the <c>stsd</c> sample entry.
/// </summary>
internal static class Mp4HeaderReader
{
    public static VideoInfo Read(ReadOnlySpan<byte> file)
    {
        if (file.Length < 8 || !IsKnownTopLevelType(Encoding.ASCII.GetString(file.Slice(4, 4))))
        {
            throw new Mp4FormatException("Not an MP4 (ISO base media) file.");
        }

        if (!TryChild(file, "moov", out var moov))
        {
            throw new Mp4FormatException("The file has no moov box.");
        }

        if (!TryChild(moov, "mvhd", out var mvhd))
        {
            throw new Mp4FormatException("moov has no mvhd box.");
        }

        var (movieTimescale, movieDuration) = ReadTimes(mvhd);
        foreach (var trak in Children(moov, "trak"))
        {
            if (!TryChild(trak, "mdia", out var mdia) || HandlerType(mdia) != "vide")
            {
                continue;
            }

            if (!TryChild(mdia, "mdhd", out var mdhd))
            {
                throw new Mp4FormatException("Video track has no mdhd box.");
            }

            if (!TryChild(mdia, "minf", out var minf) || !TryChild(minf, "stbl", out var stbl))
            {
                throw new Mp4FormatException("Video track has no sample table.");
            }

            var (trackTimescale, trackDuration) = ReadTimes(mdhd);
            var (width, height) = FrameSize(trak, stbl);
            var seconds = movieTimescale > 0 && movieDuration > 0
                ? (double)movieDuration / movieTimescale
                : trackTimescale > 0 ? (double)trackDuration / trackTimescale : 0;
            return new VideoInfo(
                width,
                height,
                Math.Round(FrameRate(stbl, trackTimescale, trackDuration), 3),
                Math.Round(seconds, 3),
                CodecName(SampleEntryType(stbl)));
        }

        throw new Mp4FormatException("The file has no video track.");
    }

    private static bool IsKnownTopLevelType(string type) =>
        type is "ftyp" or "moov" or "mdat" or "free" or "skip" or "wide" or "pdin" or "uuid" or "styp";

    /// <summary>Version 0 and 1 boxes of mvhd/mdhd share the layout up to timescale and duration.</summary>
    private static (long Timescale, long Duration) ReadTimes(ReadOnlySpan<byte> box)
    {
        Need(box, 4, "time header");
        if (box[0] == 1)
        {
            Need(box, 32, "time header v1");
            return (BinaryPrimitives.ReadUInt32BigEndian(box[20..]), (long)BinaryPrimitives.ReadUInt64BigEndian(box[24..]));
        }

        Need(box, 20, "time header v0");
        return (BinaryPrimitives.ReadUInt32BigEndian(box[12..]), BinaryPrimitives.ReadUInt32BigEndian(box[16..]));
    }

    private static string HandlerType(ReadOnlySpan<byte> mdia)
    {
        return TryChild(mdia, "hdlr", out var hdlr) && hdlr.Length >= 12 ? Encoding.ASCII.GetString(hdlr.Slice(8, 4)) : string.Empty;
    }

    private static (int Width, int Height) FrameSize(ReadOnlySpan<byte> trak, ReadOnlySpan<byte> stbl)
    {
        if (TryChild(trak, "tkhd", out var tkhd) && tkhd.Length > 0)
        {
            // Width and height are the last two 16.16 fixed-point fields of tkhd, in both versions.
            var offset = tkhd[0] == 1 ? 88 : 76;
            if (tkhd.Length >= offset + 8)
            {
                var width = (int)(BinaryPrimitives.ReadUInt32BigEndian(tkhd[offset..]) >> 16);
                var height = (int)(BinaryPrimitives.ReadUInt32BigEndian(tkhd[(offset + 4)..]) >> 16);
                if (width > 0 && height > 0)
                {
                    return (width, height);
                }
            }
        }

        // Audio-less files written by some tools leave tkhd at 0x0; the visual sample entry always has the size.
        var entry = FirstSampleEntry(stbl);
        Need(entry, 36, "visual sample entry");
        return (BinaryPrimitives.ReadUInt16BigEndian(entry[32..]), BinaryPrimitives.ReadUInt16BigEndian(entry[34..]));
    }

    private static double FrameRate(ReadOnlySpan<byte> stbl, long timescale, long trackDuration)
    {
        if (!TryChild(stbl, "stts", out var stts) || timescale <= 0)
        {
            return 0;
        }

        Need(stts, 8, "stts");
        var entries = BinaryPrimitives.ReadUInt32BigEndian(stts[4..]);
        long samples = 0;
        long ticks = 0;
        for (var i = 0; i < entries && 8 + (i * 8) + 8 <= stts.Length; i++)
        {
            var count = BinaryPrimitives.ReadUInt32BigEndian(stts[(8 + (i * 8))..]);
            var delta = BinaryPrimitives.ReadUInt32BigEndian(stts[(12 + (i * 8))..]);
            samples += count;
            ticks += (long)count * delta;
        }

        ticks = ticks > 0 ? ticks : trackDuration;
        return ticks > 0 ? samples * (double)timescale / ticks : 0;
    }

    private static string SampleEntryType(ReadOnlySpan<byte> stbl) =>
        Encoding.ASCII.GetString(FirstSampleEntry(stbl).Slice(4, 4));

    /// <summary>The first sample entry of stsd, header included.</summary>
    private static ReadOnlySpan<byte> FirstSampleEntry(ReadOnlySpan<byte> stbl)
    {
        if (!TryChild(stbl, "stsd", out var stsd))
        {
            throw new Mp4FormatException("Video track has no stsd box.");
        }

        Need(stsd, 16, "stsd");
        var size = BinaryPrimitives.ReadUInt32BigEndian(stsd[8..]);
        if (size < 8 || 8 + size > stsd.Length)
        {
            throw new Mp4FormatException("Malformed sample description.");
        }

        return stsd.Slice(8, (int)size);
    }

    private static string CodecName(string fourcc) => fourcc switch
    {
        "avc1" or "avc3" => "h264",
        "hvc1" or "hev1" => "hevc",
        "av01" => "av1",
        "vp09" => "vp9",
        "vp08" => "vp8",
        "mp4v" => "mpeg4",
        _ => fourcc.Trim(),
    };

    private static bool TryChild(ReadOnlySpan<byte> parent, string type, out ReadOnlySpan<byte> child)
    {
        var offset = 0;
        while (TryReadBox(parent, offset, out var boxType, out var payloadStart, out var end))
        {
            if (boxType == type)
            {
                child = parent[payloadStart..end];
                return true;
            }

            offset = end;
        }

        child = default;
        return false;
    }

    private static List<byte[]> Children(ReadOnlySpan<byte> parent, string type)
    {
        var found = new List<byte[]>();
        var offset = 0;
        while (TryReadBox(parent, offset, out var boxType, out var payloadStart, out var end))
        {
            if (boxType == type)
            {
                found.Add(parent[payloadStart..end].ToArray());
            }

            offset = end;
        }

        return found;
    }

    /// <summary>Reads one box header; stops (false) at the end or at a box that does not fit, so trailing junk is tolerated.</summary>
    private static bool TryReadBox(ReadOnlySpan<byte> parent, int offset, out string type, out int payloadStart, out int end)
    {
        type = string.Empty;
        payloadStart = end = 0;
        if (offset + 8 > parent.Length)
        {
            return false;
        }

        long size = BinaryPrimitives.ReadUInt32BigEndian(parent[offset..]);
        type = Encoding.ASCII.GetString(parent.Slice(offset + 4, 4));
        var header = 8;
        if (size == 1)
        {
            if (offset + 16 > parent.Length)
            {
                return false;
            }

            size = (long)BinaryPrimitives.ReadUInt64BigEndian(parent[(offset + 8)..]);
            header = 16;
        }
        else if (size == 0)
        {
            size = parent.Length - offset;
        }

        if (size < header || offset + size > parent.Length)
        {
            return false;
        }

        payloadStart = offset + header;
        end = (int)(offset + size);
        return true;
    }

    private static void Need(ReadOnlySpan<byte> box, int length, string what)
    {
        if (box.Length < length)
        {
            throw new Mp4FormatException($"Truncated {what}.");
        }
    }
}
