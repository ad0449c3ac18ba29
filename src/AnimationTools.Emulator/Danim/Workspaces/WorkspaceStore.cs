namespace AnimationTools.Emulator.Danim;

/// <summary>
/// Workspaces of every app: the one of the seed's create example (<c>36a167cf-…</c>, usable by every app), a default
/// workspace per app (made on first use: where videos go without <c>workspace_id</c>), and those created with
/// <c>/write/workspace/create</c>.
/// </summary>
internal sealed class WorkspaceStore(Func<DateTimeOffset> now)
{
    public const string SeedWorkspaceId = "36a167cf-8817-4f43-8b9d-9308ad25a8cc";

    private readonly object sync = new();
    private readonly List<WorkspaceRecord> workspaces = [];

    public WorkspaceRecord Add(string appId, string name, string description, StoredFile? logo)
    {
        var workspace = new WorkspaceRecord(Guid.NewGuid().ToString(), appId, name, description, logo, false, now());
        lock (sync)
        {
            workspaces.Add(workspace);
        }

        return workspace;
    }

    /// <summary>The workspace if the app may use it.</summary>
    public WorkspaceRecord? Find(string appId, string id)
    {
        lock (sync)
        {
            EnsureSeed();
            return workspaces.FirstOrDefault(w => w.Id == id && (w.AppId is null || w.AppId == appId));
        }
    }

    public WorkspaceRecord DefaultOf(string appId)
    {
        lock (sync)
        {
            var found = workspaces.FirstOrDefault(w => w.AppId == appId && w.IsDefault);
            if (found is null)
            {
                found = new WorkspaceRecord(Guid.NewGuid().ToString(), appId, "Default workspace", string.Empty, null, true, now());
                workspaces.Add(found);
            }

            return found;
        }
    }

    public IReadOnlyList<WorkspaceRecord> VisibleTo(string appId)
    {
        lock (sync)
        {
            EnsureSeed();
            return workspaces.Where(w => w.AppId is null || w.AppId == appId).ToList();
        }
    }

    public IReadOnlyList<WorkspaceRecord> All()
    {
        lock (sync)
        {
            EnsureSeed();
            return workspaces.ToList();
        }
    }

    public void Clear()
    {
        lock (sync)
        {
            workspaces.Clear();
        }
    }

    private void EnsureSeed()
    {
        if (!workspaces.Any(w => w.Id == SeedWorkspaceId))
        {
            workspaces.Insert(0, new WorkspaceRecord(SeedWorkspaceId, null, "Alice's workspace", "The workspace of the seed's create example", null, false, now()));
        }
    }
}
