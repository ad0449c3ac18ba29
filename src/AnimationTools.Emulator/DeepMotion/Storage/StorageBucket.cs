using AnimationTools.Emulator.Infrastructure;

namespace AnimationTools.Emulator.DeepMotion;

/// <summary>The emulated Google Cloud Storage bucket: signed upload URLs and resumable sessions.</summary>
internal sealed class StorageBucket
{
    public const string ObjectSegment = "o";
    public const string SessionSegment = "sessions";

    private readonly object sync = new();
    private readonly Dictionary<string, StoredObject> objects = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ResumableSession> sessions = new(StringComparer.Ordinal);
    private long lastOrder;

    /// <summary>Issues a "signed" URL: a random token in the path is the signature.</summary>
    public StoredObject Issue(string storageBaseUrl, string name, bool resumable, UploadPurpose purpose)
    {
        var token = RandomIds.Hex(16);
        var url = $"{storageBaseUrl}/{ObjectSegment}/{token}/{Uri.EscapeDataString(name)}";
        lock (sync)
        {
            var stored = new StoredObject(token, name, url, resumable, purpose, ++lastOrder);
            objects[token] = stored;
            return stored;
        }
    }

    public StoredObject? FindByToken(string token)
    {
        lock (sync)
        {
            return objects.GetValueOrDefault(token);
        }
    }

    /// <summary>
    /// Finds the object a signed URL points to. Matching is by the token in the path, so a client that re-encodes
    /// the URL (or reaches the emulator under another loopback name) still finds its upload.
    /// </summary>
    public StoredObject? FindByUrl(string? url) => TokenOf(url) is { } token ? FindByToken(token) : null;

    /// <summary>Whether the URL has the shape of a signed URL of this bucket, issued or not.</summary>
    public static bool IsSignedUrlShape(string? url) => TokenOf(url) is not null;

    private static string? TokenOf(string? url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var parsed))
        {
            return null;
        }

        var segments = parsed.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var marker = Array.IndexOf(segments, ObjectSegment);
        return marker > 0 && segments[marker - 1] == "storage" && marker + 1 < segments.Length ? segments[marker + 1] : null;
    }

    public ResumableSession StartSession(StoredObject target)
    {
        var session = new ResumableSession(RandomIds.Hex(20), target, target.BeginAttempt());
        lock (sync)
        {
            sessions[session.Id] = session;
        }

        return session;
    }

    public ResumableSession? FindSession(string id)
    {
        lock (sync)
        {
            return sessions.GetValueOrDefault(id);
        }
    }

    public IReadOnlyList<StoredObject> All()
    {
        lock (sync)
        {
            return objects.Values.OrderBy(o => o.Order).ToList();
        }
    }

    public void Clear()
    {
        lock (sync)
        {
            objects.Clear();
            sessions.Clear();
        }
    }
}
