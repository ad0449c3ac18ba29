namespace AnimationTools.Emulator.HourOne;

/// <summary>The videos of the account, and the deleted ones (which still count in the analytics).</summary>
internal sealed class VideoStore
{
    private readonly object sync = new();
    private readonly List<VideoRecord> videos = [];
    private readonly List<VideoRecord> deleted = [];

    public void Add(VideoRecord video)
    {
        lock (sync)
        {
            videos.Add(video);
        }
    }

    public VideoRecord? Find(string id)
    {
        lock (sync)
        {
            return videos.FirstOrDefault(v => v.Id == id);
        }
    }

    /// <summary>Newest first.</summary>
    public IReadOnlyList<VideoRecord> All()
    {
        lock (sync)
        {
            return videos.OrderByDescending(v => v.CreatedAt).ToList();
        }
    }

    /// <summary>Every video ever created, deleted ones included.</summary>
    public IReadOnlyList<VideoRecord> Created()
    {
        lock (sync)
        {
            return videos.Concat(deleted).ToList();
        }
    }

    public bool Remove(string id)
    {
        lock (sync)
        {
            var video = videos.FirstOrDefault(v => v.Id == id);
            if (video is null)
            {
                return false;
            }

            videos.Remove(video);
            deleted.Add(video);
            return true;
        }
    }

    public void Clear()
    {
        lock (sync)
        {
            videos.Clear();
            deleted.Clear();
        }
    }
}
