namespace AnimationTools.Emulator.Danim;

/// <summary>A file that passed the platform-wide rules: its extension, its MIME type and what its bytes say.</summary>
internal sealed record AcceptedFile(string Extension, string MimeType, MediaInfo Media);

/// <summary>
/// The platform-wide file rules (contract §7.1 and §8.1, emulator choices): jpg, jpeg, png, mp4, mov; at most
/// <see cref="DanimOptions.MaxFileBytes"/>; not empty. The MIME type comes from the bytes, else from the declared type,
/// never from the name; the extension from the name, else from the declared type or the bytes.
/// </summary>
internal static class FileRules
{
    private static readonly Dictionary<string, string> MimeByExtension = new(StringComparer.Ordinal)
    {
        ["jpg"] = "image/jpeg",
        ["jpeg"] = "image/jpeg",
        ["png"] = "image/png",
        ["mp4"] = "video/mp4",
        ["mov"] = "video/quicktime",
    };

    private static readonly Dictionary<string, string> ExtensionByMime = new(StringComparer.Ordinal)
    {
        ["image/jpeg"] = "jpg",
        ["image/jpg"] = "jpg",
        ["image/pjpeg"] = "jpg",
        ["image/png"] = "png",
        ["video/mp4"] = "mp4",
        ["video/quicktime"] = "mov",
        ["image/gif"] = "gif",
        ["image/webp"] = "webp",
        ["image/bmp"] = "bmp",
        ["application/pdf"] = "pdf",
        ["text/plain"] = "txt",
        ["text/html"] = "html",
    };

    public static readonly string AcceptedList = string.Join(", ", MimeByExtension.Keys);

    /// <summary>Checks a file; <paramref name="content"/> is null when it was larger than the limit (its <paramref name="length"/> counts).</summary>
    public static AcceptedFile Inspect(string fileName, string? declaredType, byte[]? content, long length, long maxBytes)
    {
        var shown = fileName.Length == 0 ? "(no name)" : fileName;
        if (length == 0)
        {
            throw new DanimError(ErrorTypes.EmptyFile, $"The file \"{shown}\" has no content (its size is 0).");
        }

        if (content is null || length > maxBytes)
        {
            throw new DanimError(ErrorTypes.FileIsTooLarge, $"The file \"{shown}\" is too large ({length} bytes); the limit is {maxBytes} bytes.");
        }

        var declared = Normalize(declaredType);
        var media = MediaSniffer.Inspect(content);
        var extension = System.IO.Path.GetExtension(fileName).TrimStart('.').ToLowerInvariant();
        if (extension.Length == 0)
        {
            extension = (declared is not null ? ExtensionByMime.GetValueOrDefault(declared) : null)
                        ?? (media.SniffedMime is not null ? ExtensionByMime.GetValueOrDefault(media.SniffedMime) : null)
                        ?? throw new DanimError(ErrorTypes.FileExtensionCannotBeGuessed, $"No extension could be deduced for the file \"{shown}\".");
        }

        if (!MimeByExtension.ContainsKey(extension))
        {
            throw new DanimError(ErrorTypes.FileExtensionIsNotAccepted,
                $"File extension \"{(fileName.Length == 0 ? "." + extension : fileName)}\" is not accepted. You can choose among: {AcceptedList}.");
        }

        var mime = media.SniffedMime ?? declared
                   ?? throw new DanimError(ErrorTypes.FileMimeTypeCannotBeGuessed, $"The MIME type of the file \"{shown}\" cannot be guessed.");
        if (mime == "image/jpg" || mime == "image/pjpeg")
        {
            mime = "image/jpeg";
        }

        if (!MimeByExtension.ContainsValue(mime))
        {
            throw new DanimError(ErrorTypes.FileMimeTypeIsNotAccepted,
                $"The MIME type \"{mime}\" of the file \"{shown}\" is not accepted. You can choose among: {string.Join(", ", MimeByExtension.Values.Distinct())}.");
        }

        return new AcceptedFile(extension, mime, media);
    }

    /// <summary>The declared type without parameters; types that say nothing (octet-stream) count as none.</summary>
    private static string? Normalize(string? declaredType)
    {
        var type = declaredType?.Split(';')[0].Trim().ToLowerInvariant();
        return string.IsNullOrEmpty(type) || type is "application/octet-stream" or "binary/octet-stream" or "application/x-www-form-urlencoded" ? null : type;
    }
}
