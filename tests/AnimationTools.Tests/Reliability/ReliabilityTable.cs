using System.Text.Json;

namespace AnimationTools.Tests.Reliability;

/// <summary>
/// One row of the reliability table: what was tried on one path, how often, with how many faults, and what went wrong.
/// Every count but <see cref="Trials"/>, <see cref="Faults"/> and <see cref="Handled"/> must be zero.
/// </summary>
public sealed record ReliabilityRow
{
    public required string Area { get; init; }
    public required string Case { get; init; }
    public int Trials { get; init; }
    public int Faults { get; init; }
    /// <summary>Files that did not arrive byte-identical, or a partial file left under a final name.</summary>
    public int Losses { get; init; }
    /// <summary>Paid work created more than once for one request.</summary>
    public int Duplicates { get; init; }
    /// <summary>A caller that received work another caller created.</summary>
    public int Adoptions { get; init; }
    /// <summary>Trials that did not end within their bound.</summary>
    public int Hangs { get; init; }
    /// <summary>Trials that ended as the contract says: the right result, a typed error, or a tolerated unknown value.</summary>
    public int Handled { get; init; }
}

/// <summary>
/// Collects the rows of the reliability tests into out/reliability/ (one JSON file a row); <c>build.ps1 Reliability</c>
/// runs those tests and writes the rows into docs/reliability.md.
/// </summary>
public static class ReliabilityTable
{
    public const string Category = "Reliability";

    static readonly string Folder = Path.Combine(Infrastructure.RepoPaths.Root, "out", "reliability");

    public static void Record(ReliabilityRow row)
    {
        Directory.CreateDirectory(Folder);
        var name = string.Concat((row.Area + "-" + row.Case).Select(c => char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-'));
        File.WriteAllText(Path.Combine(Folder, name + ".json"), JsonSerializer.Serialize(row));
    }
}
