using System.Buffers.Binary;

namespace AnimationTools.Emulator.Danim;

/// <summary>What the bytes of a file say about it: its MIME type, an image's size, a video's duration.</summary>
internal sealed record MediaInfo(string? SniffedMime, int? Width, int? Height, double? DurationSeconds)
{
    public bool IsImage => SniffedMime?.StartsWith("image/", StringComparison.Ordinal) == true;

    public bool IsVideo => SniffedMime?.StartsWith("video/", StringComparison.Ordinal) == true;
}

/// <summary>Reads just enough of JPEG, PNG, GIF and MP4/QuickTime headers to answer what <see cref="MediaInfo"/> holds.</summary>
internal static class MediaSniffer
{
    public static MediaInfo Inspect(byte[]? content)
    {
        if (content is null || content.Length < 12)
        {
            return new MediaInfo(null, null, null, null);
        }

        var mime = MimeOf(content);
        return mime switch
        {
            "image/png" => Png(content),
            "image/jpeg" => Jpeg(content),
            "image/gif" => new MediaInfo(mime, BinaryPrimitives.ReadUInt16LittleEndian(content.AsSpan(6)), BinaryPrimitives.ReadUInt16LittleEndian(content.AsSpan(8)), null),
            "video/mp4" or "video/quicktime" => new MediaInfo(mime, null, null, Mp4Duration(content)),
            _ => new MediaInfo(mime, null, null, null),
        };
    }

    public static string? MimeOf(byte[] content)
    {
        var span = content.AsSpan();
        if (span.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])) return "image/jpeg";
        if (span.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A])) return "image/png";
        if (span.StartsWith("GIF87a"u8) || span.StartsWith("GIF89a"u8)) return "image/gif";
        if (span.StartsWith("RIFF"u8) && span.Length >= 12 && span[8..12].SequenceEqual("WEBP"u8)) return "image/webp";
        if (span.StartsWith("BM"u8)) return "image/bmp";
        if (span.StartsWith("%PDF"u8)) return "application/pdf";
        if (span.Length >= 12 && span[4..8].SequenceEqual("ftyp"u8))
        {
            return span[8..12].SequenceEqual("qt  "u8) ? "video/quicktime" : "video/mp4";
        }

        if (span.Length >= 8 && (span[4..8].SequenceEqual("moov"u8) || span[4..8].SequenceEqual("mdat"u8) || span[4..8].SequenceEqual("wide"u8)))
        {
            return "video/quicktime";
        }

        return null;
    }

    private static MediaInfo Png(byte[] content) =>
        content.Length >= 24 && content.AsSpan(12, 4).SequenceEqual("IHDR"u8)
            ? new MediaInfo("image/png", (int)BinaryPrimitives.ReadUInt32BigEndian(content.AsSpan(16)), (int)BinaryPrimitives.ReadUInt32BigEndian(content.AsSpan(20)), null)
            : new MediaInfo("image/png", null, null, null);

    private static MediaInfo Jpeg(byte[] content)
    {
        var i = 2;
        while (i + 9 < content.Length)
        {
            if (content[i] != 0xFF)
            {
                break;
            }

            var marker = content[i + 1];
            if (marker == 0xFF)
            {
                i++;
                continue;
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(content.AsSpan(i + 2));
            // SOF0..SOF15 but DHT (C4), JPG (C8) and DAC (CC) carry the frame size.
            if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
            {
                var height = BinaryPrimitives.ReadUInt16BigEndian(content.AsSpan(i + 5));
                var width = BinaryPrimitives.ReadUInt16BigEndian(content.AsSpan(i + 7));
                return new MediaInfo("image/jpeg", width, height, null);
            }

            i += 2 + length;
        }

        return new MediaInfo("image/jpeg", null, null, null);
    }

    /// <summary>Duration from <c>moov/mvhd</c>; null when the file has none that can be read.</summary>
    private static double? Mp4Duration(byte[] content)
    {
        var moov = FindBox(content, 0, content.Length, "moov"u8);
        if (moov is not { } m)
        {
            return null;
        }

        var mvhd = FindBox(content, m.Start, m.End, "mvhd"u8);
        if (mvhd is not { } h || h.End - h.Start < 24)
        {
            return null;
        }

        var body = content.AsSpan(h.Start, h.End - h.Start);
        var version = body[0];
        if (version == 1 && body.Length >= 32)
        {
            var timescale = BinaryPrimitives.ReadUInt32BigEndian(body[20..]);
            var duration = BinaryPrimitives.ReadUInt64BigEndian(body[24..]);
            return timescale == 0 ? null : (double)duration / timescale;
        }

        var scale = BinaryPrimitives.ReadUInt32BigEndian(body[12..]);
        var units = BinaryPrimitives.ReadUInt32BigEndian(body[16..]);
        return scale == 0 ? null : (double)units / scale;
    }

    /// <summary>The payload range of the first box of that type directly inside [start, end).</summary>
    private static (int Start, int End)? FindBox(byte[] content, int start, int end, ReadOnlySpan<byte> type)
    {
        var i = start;
        while (i + 8 <= end)
        {
            long size = BinaryPrimitives.ReadUInt32BigEndian(content.AsSpan(i));
            var header = 8;
            if (size == 1 && i + 16 <= end)
            {
                size = (long)BinaryPrimitives.ReadUInt64BigEndian(content.AsSpan(i + 8));
                header = 16;
            }
            else if (size == 0)
            {
                size = end - i;
            }

            if (size < header || i + size > end)
            {
                return null;
            }

            if (content.AsSpan(i + 4, 4).SequenceEqual(type))
            {
                return (i + header, (int)(i + size));
            }

            i += (int)size;
        }

        return null;
    }
}
