using System.Globalization;
using AnimationTools.Emulator.Infrastructure;

namespace AnimationTools.Emulator.Teleport;

/// <summary>Why a part URL is refused (403, as S3 refuses a pre-signed URL).</summary>
internal enum PartUrlCheck
{
    Valid,

    /// <summary>Past its lifetime, or expired by a test hook: <c>AccessDenied</c> "Request has expired".</summary>
    Expired,

    /// <summary>Unknown signature, or one issued for another part: <c>SignatureDoesNotMatch</c>.</summary>
    BadSignature,
}

/// <summary>
/// The pre-signed part URLs handed out by <c>create-upload-url</c>. Each call issues a new URL (a new signature);
/// earlier URLs of the same part stay valid until they expire, as pre-signed S3 URLs do. The lifetime written in
/// <c>X-Amz-Expires</c> is informative only: the emulator checks its own record, so editing the query gains nothing.
/// </summary>
internal sealed class PartUrls(TimeProvider clock)
{
    public const string Segment = "_s3";

    private readonly object sync = new();
    private readonly Dictionary<string, IssuedUrl> issued = new(StringComparer.Ordinal);

    public int Count
    {
        get
        {
            lock (sync)
            {
                return issued.Count;
            }
        }
    }

    public string Issue(HttpContext context, CaptureRecord capture, int part, TimeSpan lifetime)
    {
        var now = clock.GetUtcNow();
        var signature = RandomIds.Hex(32);
        lock (sync)
        {
            issued[signature] = new IssuedUrl(capture.Eid, part, now + lifetime);
        }

        var date = now.UtcDateTime;
        var query = string.Join('&',
            "uploadId=" + Uri.EscapeDataString(capture.Upload.UploadId),
            "partNumber=" + part.ToString(CultureInfo.InvariantCulture),
            "X-Amz-Algorithm=AWS4-HMAC-SHA256",
            "X-Amz-Credential=" + Uri.EscapeDataString($"EMULATORACCESSKEY/{date:yyyyMMdd}/eu-west-1/s3/aws4_request"),
            "X-Amz-Date=" + date.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture),
            "X-Amz-Expires=" + ((long)Math.Ceiling(lifetime.TotalSeconds)).ToString(CultureInfo.InvariantCulture),
            "X-Amz-SignedHeaders=host",
            "X-Amz-Signature=" + signature);
        return $"{TeleportUrls.Origin(context)}{TeleportUrls.Prefix}/{Segment}/uploads/{capture.Eid}/parts/{part}?{query}";
    }

    public PartUrlCheck Check(string? signature, string eid, int part)
    {
        if (string.IsNullOrEmpty(signature))
        {
            return PartUrlCheck.BadSignature;
        }

        lock (sync)
        {
            if (!issued.TryGetValue(signature, out var url) || url.Eid != eid || url.Part != part)
            {
                return PartUrlCheck.BadSignature;
            }

            return url.Expires > clock.GetUtcNow() ? PartUrlCheck.Valid : PartUrlCheck.Expired;
        }
    }

    /// <summary>Every URL issued so far is expired from now on (403 on use); new ones are valid.</summary>
    public int ExpireAll()
    {
        var now = clock.GetUtcNow();
        lock (sync)
        {
            foreach (var key in issued.Keys.ToList())
            {
                issued[key] = issued[key] with { Expires = now };
            }

            return issued.Count;
        }
    }

    public void Reset()
    {
        lock (sync)
        {
            issued.Clear();
        }
    }

    private sealed record IssuedUrl(string Eid, int Part, DateTimeOffset Expires);
}
