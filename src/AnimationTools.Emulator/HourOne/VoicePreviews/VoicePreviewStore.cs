namespace AnimationTools.Emulator.HourOne;

/// <summary>A voice preview task (<c>POST /voice-preview</c>): <c>in_progress</c>, then <c>ready</c> with an audio URL.</summary>
internal sealed record VoicePreview(string Id, string ReqId, string Transcript, string VoiceId, string SourceDraftId, DateTimeOffset CreatedAt, TimeSpan Takes, string FileToken)
{
    public string StatusAt(DateTimeOffset now) => now >= CreatedAt + Takes ? "ready" : "in_progress";

    /// <summary>Length of the spoken transcript, capped so the generated audio stays small.</summary>
    public double Seconds => Math.Min(10, Speech.Seconds(Transcript));
}

internal sealed class VoicePreviewStore
{
    private readonly object sync = new();
    private readonly List<VoicePreview> previews = [];

    public void Add(VoicePreview preview)
    {
        lock (sync)
        {
            previews.Add(preview);
        }
    }

    public VoicePreview? Find(string id)
    {
        lock (sync)
        {
            return previews.FirstOrDefault(p => p.Id == id);
        }
    }

    public VoicePreview? FindByToken(string token)
    {
        lock (sync)
        {
            return previews.FirstOrDefault(p => p.FileToken == token);
        }
    }

    public void Clear()
    {
        lock (sync)
        {
            previews.Clear();
        }
    }
}
