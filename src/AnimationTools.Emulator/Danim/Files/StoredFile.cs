using System.Globalization;

namespace AnimationTools.Emulator.Danim;

/// <summary>Where a file came from.</summary>
public enum FileOrigin
{
    /// <summary>Preloaded with <c>/upload/me</c>.</summary>
    Upload,

    /// <summary>Seeded by the emulator (the seed examples' file ids).</summary>
    Seed,

    /// <summary>A binary part of a multipart request.</summary>
    Binary,

    /// <summary>Downloaded from a <c>file+https://</c> URL.</summary>
    Url,
}

/// <summary>A file the emulator holds: preloaded, seeded, or received with a video or workspace.</summary>
internal sealed class StoredFile
{
    public StoredFile(string? appId, FileOrigin origin, string originalName, AcceptedFile accepted, byte[] content, DateTimeOffset createdAt, TimeSpan lifetime, string? id = null)
    {
        AppId = appId;
        Origin = origin;
        Id = id ?? Guid.NewGuid().ToString();
        OriginalName = originalName;
        Extension = accepted.Extension;
        MimeType = accepted.MimeType;
        Media = accepted.Media;
        Content = content;
        CreatedAt = createdAt;
        ExpiresAt = createdAt + lifetime;
    }

    public string Id { get; }

    /// <summary>Name of the stored object (the <c>url</c>/<c>path</c> of §7.1 use another uuid than the id).</summary>
    public string StorageKey { get; } = Guid.NewGuid().ToString();

    /// <summary>The app that sent it; null for seeded files, which every app may use.</summary>
    public string? AppId { get; }

    public FileOrigin Origin { get; }

    public string OriginalName { get; }

    public string Extension { get; }

    public string MimeType { get; }

    public MediaInfo Media { get; }

    public byte[] Content { get; }

    public DateTimeOffset CreatedAt { get; }

    public DateTimeOffset ExpiresAt { get; }

    /// <summary>Used by a video already: an expired id is still found "in older data files" (§8.1).</summary>
    public bool InOlderData { get; set; }

    public bool IsImage => MimeType.StartsWith("image/", StringComparison.Ordinal);

    public bool IsVideo => MimeType.StartsWith("video/", StringComparison.Ordinal);

    public string Path => $"app/api-app/file-store/{StorageKey}.{Extension}";

    public string Url(string baseUrl) => $"{baseUrl}/cdn/{Path}";

    public bool IsExpired(DateTimeOffset now) => now >= ExpiresAt;

    public object ToWire(string baseUrl) => new
    {
        id = Id,
        created_at = Timestamp(CreatedAt),
        original_name = OriginalName,
        mime_type = MimeType,
        size = Content.LongLength,
        url = Url(baseUrl),
        path = Path,
    };

    /// <summary>The service's timestamp form: <c>2020-09-05T15:40:40+00:00</c>.</summary>
    public static string Timestamp(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", CultureInfo.InvariantCulture);
}
