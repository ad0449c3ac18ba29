using AnimationTools.Emulator.Infrastructure;

namespace AnimationTools.Emulator.DeepMotion;

/// <summary>Custom characters of every account, plus the stock ones.</summary>
internal sealed class ModelCatalog(TimeProvider clock)
{
    private readonly object sync = new();
    private readonly List<CharacterModel> custom = [];

    public CharacterModel Store(DmSession session, string name, string modelUrl, string? thumbUrl, bool generateThumb)
    {
        var now = clock.GetUtcNow();
        var model = new CharacterModel(
            RandomIds.Hex(12), name, CharacterModel.CustomPlatform, "deepmotion_humanoid", session.ClientId, session.UserUid,
            modelUrl, thumbUrl, GeneratedThumb: thumbUrl is null && generateThumb, now, now);
        lock (sync)
        {
            custom.Add(model);
        }

        return model;
    }

    /// <summary>Renames or re-thumbnails a model the session owns; null when there is none with that id.</summary>
    public CharacterModel? Update(DmSession session, string id, string? name, string? thumbUrl, bool generateThumb)
    {
        lock (sync)
        {
            var index = custom.FindIndex(m => m.Id == id && m.IsOwnedBy(session));
            if (index < 0)
            {
                return null;
            }

            var current = custom[index];
            var updated = current with
            {
                Name = name ?? current.Name,
                ThumbUrl = thumbUrl ?? current.ThumbUrl,
                GeneratedThumb = thumbUrl is null && (generateThumb || current.GeneratedThumb),
                ModifiedAt = clock.GetUtcNow(),
            };
            custom[index] = updated;
            return updated;
        }
    }

    /// <summary>Models the session may use: stock ones and the custom ones visible to it.</summary>
    public CharacterModel? FindUsable(DmSession session, string id) =>
        StockModels.All.FirstOrDefault(m => m.Id == id) ?? Visible(session, includeStock: false).FirstOrDefault(m => m.Id == id);

    public IReadOnlyList<CharacterModel> Visible(DmSession session, bool includeStock)
    {
        lock (sync)
        {
            var mine = custom.Where(m => m.IsVisibleTo(session));
            return (includeStock ? StockModels.All.Concat(mine) : mine).ToList();
        }
    }

    public int Delete(DmSession session, string id)
    {
        lock (sync)
        {
            return custom.RemoveAll(m => m.Id == id && m.IsOwnedBy(session));
        }
    }

    public void Clear()
    {
        lock (sync)
        {
            custom.Clear();
        }
    }
}
