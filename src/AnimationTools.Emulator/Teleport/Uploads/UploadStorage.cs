using AnimationTools.Emulator.Infrastructure;

namespace AnimationTools.Emulator.Teleport;

/// <summary>
/// The folder uploaded parts are written to: one folder per emulator instance (under the configured folder or the
/// system's temporary folder), one sub-folder per capture. Emptied on reset, deleted on dispose.
/// </summary>
internal sealed class UploadStorage(string? parent)
{
    private readonly Lazy<string> root = new(() =>
        Directory.CreateDirectory(Path.Combine(parent ?? Path.GetTempPath(), $"animationtools-teleport-{RandomIds.Hex(6)}")).FullName);

    public string FolderFor(string eid) => Path.Combine(root.Value, eid);

    public void Clear()
    {
        if (!root.IsValueCreated)
        {
            return;
        }

        foreach (var folder in Directory.EnumerateDirectories(root.Value))
        {
            TryDelete(folder);
        }
    }

    public void Delete()
    {
        if (root.IsValueCreated)
        {
            TryDelete(root.Value);
        }
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A PUT cut by the reset may still hold a file open; it is gone with the root at dispose.
        }
    }
}
