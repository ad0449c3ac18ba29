using System.Security.Cryptography;

namespace AnimationTools.Emulator.DeepMotion;

/// <summary>Bytes received for one upload attempt, growing as the request body is read, then frozen when complete.</summary>
internal sealed class UploadBuffer
{
    private readonly object sync = new();
    private MemoryStream? growing = new();
    private byte[]? frozen;

    public long Length
    {
        get
        {
            lock (sync)
            {
                return frozen?.LongLength ?? growing!.Length;
            }
        }
    }

    /// <summary>Appends received bytes; bytes arriving after the upload completed are ignored, as GCS ignores them.</summary>
    public void Append(ReadOnlySpan<byte> data)
    {
        lock (sync)
        {
            growing?.Write(data);
        }
    }

    /// <summary>Ends the attempt and returns its bytes; the growing buffer is released so a large upload is held once.</summary>
    public byte[] Freeze()
    {
        lock (sync)
        {
            if (frozen is null)
            {
                frozen = growing!.ToArray();
                growing = null;
            }

            return frozen;
        }
    }

    public byte[] ToArray()
    {
        lock (sync)
        {
            return frozen ?? growing!.ToArray();
        }
    }

    public string Sha256Hex()
    {
        lock (sync)
        {
            var bytes = frozen ?? growing!.GetBuffer().AsSpan(0, (int)growing.Length);
            return Convert.ToHexStringLower(SHA256.HashData(bytes));
        }
    }
}
