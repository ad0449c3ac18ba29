using System.IO.Compression;

namespace AnimationTools.Emulator.DeepMotion;

/// <summary>The service delivers bvh, fbx and glb outputs as zip archives holding the one file.</summary>
internal static class ZipPackager
{
    public static byte[] Single(string entryName, byte[] content)
    {
        using var archive = new MemoryStream();
        using (var zip = new ZipArchive(archive, ZipArchiveMode.Create, leaveOpen: true))
        {
            var entry = zip.CreateEntry(entryName, CompressionLevel.Fastest);
            using var stream = entry.Open();
            stream.Write(content);
        }

        return archive.ToArray();
    }
}
