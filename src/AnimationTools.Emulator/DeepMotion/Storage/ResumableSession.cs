namespace AnimationTools.Emulator.DeepMotion;

/// <summary>A GCS resumable upload session, created by <c>POST</c> with <c>x-goog-resumable: start</c>.</summary>
internal sealed class ResumableSession(string id, StoredObject target, UploadBuffer buffer)
{
    private readonly object sync = new();
    private long? declaredTotal;

    public string Id { get; } = id;

    public StoredObject Target { get; } = target;

    public UploadBuffer Buffer { get; } = buffer;

    public bool IsComplete { get; private set; }

    /// <summary>Lets one chunk at a time write, as a real session serialises requests.</summary>
    public SemaphoreSlim WriteLock { get; } = new(1, 1);

    /// <summary>Records the total size a client announced; false when it contradicts an earlier announcement.</summary>
    public bool TryDeclareTotal(long total)
    {
        lock (sync)
        {
            if (declaredTotal is { } known && known != total)
            {
                return false;
            }

            declaredTotal = total;
            return true;
        }
    }

    public long? DeclaredTotal
    {
        get
        {
            lock (sync)
            {
                return declaredTotal;
            }
        }
    }

    public void MarkComplete()
    {
        IsComplete = true;
        Target.Complete(Buffer);
    }
}
