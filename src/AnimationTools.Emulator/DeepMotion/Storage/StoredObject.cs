using System.Security.Cryptography;

namespace AnimationTools.Emulator.DeepMotion;

/// <summary>
/// The object behind one "signed" upload URL. It holds the bytes of the latest upload attempt; once an attempt
/// completes, its bytes are frozen as the object's content.
/// </summary>
internal sealed class StoredObject(string token, string name, string url, bool resumable, UploadPurpose purpose, long order)
{
    private readonly object sync = new();
    private UploadBuffer attempt = new();
    private byte[]? content;
    private MediaProbe? probe;

    public string Token { get; } = token;

    public string Name { get; } = name;

    /// <summary>The signed URL returned to the client.</summary>
    public string Url { get; } = url;

    /// <summary>Whether the URL starts a resumable session (<c>resumable=1</c>) or takes one PUT.</summary>
    public bool Resumable { get; } = resumable;

    public UploadPurpose Purpose { get; } = purpose;

    /// <summary>Issue order, for stable listings.</summary>
    public long Order { get; } = order;

    public bool IsComplete
    {
        get
        {
            lock (sync)
            {
                return content is not null;
            }
        }
    }

    /// <summary>Bytes held now: the completed content, or what the current attempt received so far.</summary>
    public long Size
    {
        get
        {
            lock (sync)
            {
                return content?.LongLength ?? attempt.Length;
            }
        }
    }

    /// <summary>Starts a new upload attempt; the previous bytes are forgotten.</summary>
    public UploadBuffer BeginAttempt()
    {
        lock (sync)
        {
            attempt = new UploadBuffer();
            content = null;
            probe = null;
            return attempt;
        }
    }

    /// <summary>Freezes the attempt's bytes as the object's content, unless a newer attempt replaced it meanwhile.</summary>
    public void Complete(UploadBuffer finished)
    {
        lock (sync)
        {
            if (ReferenceEquals(finished, attempt))
            {
                content = finished.Freeze();
            }
        }
    }

    public byte[]? Content
    {
        get
        {
            lock (sync)
            {
                return content;
            }
        }
    }

    /// <summary>Bytes held now, complete or not (tests compare them with what they sent).</summary>
    public byte[] Snapshot()
    {
        lock (sync)
        {
            return content ?? attempt.ToArray();
        }
    }

    public string Sha256Hex()
    {
        lock (sync)
        {
            return content is null ? attempt.Sha256Hex() : Convert.ToHexStringLower(SHA256.HashData(content));
        }
    }

    /// <summary>What the completed content is (video, image...), worked out once.</summary>
    public MediaProbe? Probe()
    {
        lock (sync)
        {
            if (content is null)
            {
                return null;
            }

            return probe ??= MediaProbe.Inspect(content);
        }
    }
}
