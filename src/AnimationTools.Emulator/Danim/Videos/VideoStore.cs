namespace AnimationTools.Emulator.Danim;

/// <summary>Every video, in creation order.</summary>
internal sealed class VideoStore
{
    private readonly object sync = new();
    private readonly List<VideoRecord> videos = [];
    private long lastSeq;

    public long NextSeq()
    {
        lock (sync)
        {
            return ++lastSeq;
        }
    }

    public void Add(VideoRecord video)
    {
        lock (sync)
        {
            videos.Add(video);
        }
    }

    /// <summary>The video if it exists, is not removed and belongs to the app.</summary>
    public VideoRecord? Find(string appId, string id)
    {
        lock (sync)
        {
            return videos.FirstOrDefault(v => v.Id == id && v.AppId == appId);
        }
    }

    public VideoRecord? FindAny(string id)
    {
        lock (sync)
        {
            return videos.FirstOrDefault(v => v.Id == id);
        }
    }

    public VideoRecord? FindByShortId(string shortId)
    {
        lock (sync)
        {
            return videos.FirstOrDefault(v => v.ShortId == shortId);
        }
    }

    /// <summary>The app's videos, newest first.</summary>
    public IReadOnlyList<VideoRecord> OfApp(string appId)
    {
        lock (sync)
        {
            return videos.Where(v => v.AppId == appId).OrderByDescending(v => v.Seq).ToList();
        }
    }

    public IReadOnlyList<VideoRecord> All()
    {
        lock (sync)
        {
            return videos.ToList();
        }
    }

    public bool Remove(VideoRecord video)
    {
        lock (sync)
        {
            return videos.Remove(video);
        }
    }

    public void Clear()
    {
        lock (sync)
        {
            videos.Clear();
            lastSeq = 0;
        }
    }
}
