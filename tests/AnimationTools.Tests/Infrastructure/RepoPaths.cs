namespace AnimationTools.Tests.Infrastructure;

/// <summary>Locations in the repository, found from the test binaries upwards.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Manifest => Path.Combine(Root, "AnimationTools.psd1");

    public static string Assets => Path.Combine(Root, "tests", "assets");

    static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory != null && !File.Exists(Path.Combine(directory.FullName, "AnimationTools.psd1")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("AnimationTools.psd1 not found above " + AppContext.BaseDirectory);
    }
}
