namespace AnimationTools.Emulator.Danim;

/// <summary>Every file the emulator holds, by id and by storage key.</summary>
internal sealed class FileStore
{
    private readonly object sync = new();
    private readonly List<StoredFile> files = [];

    public void Add(StoredFile file)
    {
        lock (sync)
        {
            files.Add(file);
        }
    }

    /// <summary>A preloaded (or seeded) file the app may use by id, expired or not.</summary>
    public StoredFile? FindPreloaded(string id, string appId)
    {
        lock (sync)
        {
            return files.FirstOrDefault(f => f.Id == id && f.Origin is FileOrigin.Upload or FileOrigin.Seed && (f.AppId is null || f.AppId == appId));
        }
    }

    public StoredFile? FindByStorageKey(string key)
    {
        lock (sync)
        {
            return files.FirstOrDefault(f => f.StorageKey == key);
        }
    }

    public IReadOnlyList<StoredFile> All()
    {
        lock (sync)
        {
            return files.ToList();
        }
    }

    public void Clear()
    {
        lock (sync)
        {
            files.Clear();
        }
    }
}
