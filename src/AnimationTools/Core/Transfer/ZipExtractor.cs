using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AnimationTools.Core.Errors;

namespace AnimationTools.Core.Transfer
{
    /// <summary>
    /// Extracts a downloaded zip archive into a folder, safely: every entry is checked before anything is written
    /// (no absolute paths, no <c>..</c>, nothing that lands outside the folder: zip-slip), and each file is written
    /// under a temporary name and renamed only once complete, so no half-extracted file ever has its final name.
    /// </summary>
    public static class ZipExtractor
    {
        /// <summary>Suffix of a file being extracted.</summary>
        public const string TemporarySuffix = ".extracting";

        /// <summary>
        /// Extracts every file of <paramref name="archivePath"/> into <paramref name="destination"/> and returns the
        /// files written, in the archive's order. <paramref name="targetPath"/> maps an entry's relative path (with
        /// <c>/</c> separators, already checked) to the relative path to write, e.g. to prefix it. A file of the same
        /// name is replaced. The archive itself is left alone.
        /// </summary>
        /// <exception cref="AnimationToolsException"><c>&lt;service&gt;.UnsafeArchive</c> for an entry that would escape the
        /// folder (nothing is written then), <c>&lt;service&gt;.InvalidArchive</c> for a file that is not a readable zip.</exception>
        public static async Task<List<FileInfo>> ExtractAsync(string service, string archivePath, string destination, Func<string, string> targetPath, CancellationToken cancellationToken)
        {
            var root = Path.GetFullPath(destination);
            var rootWithSeparator = root.EndsWith(Path.DirectorySeparatorChar.ToString()) ? root : root + Path.DirectorySeparatorChar;
            try
            {
                using (var archive = ZipFile.OpenRead(archivePath))
                {
                    // Check every entry first: an unsafe archive writes nothing at all.
                    var plan = new List<KeyValuePair<ZipArchiveEntry, string>>();
                    foreach (var entry in archive.Entries)
                    {
                        var relative = SafeRelativePath(service, archivePath, entry.FullName);
                        if (relative == null)
                        {
                            continue;
                        }
                        var mapped = targetPath == null ? relative : targetPath(relative);
                        var full = Path.GetFullPath(Path.Combine(root, mapped.Replace('/', Path.DirectorySeparatorChar)));
                        if (!full.StartsWith(rootWithSeparator, StringComparison.Ordinal))
                        {
                            throw Unsafe(service, archivePath, entry.FullName);
                        }
                        plan.Add(new KeyValuePair<ZipArchiveEntry, string>(entry, full));
                    }

                    var written = new List<FileInfo>();
                    foreach (var step in plan)
                    {
                        written.RemoveAll(f => string.Equals(f.FullName, step.Value, StringComparison.Ordinal));
                        written.Add(await ExtractEntryAsync(step.Key, step.Value, cancellationToken).ConfigureAwait(false));
                    }
                    return written;
                }
            }
            catch (InvalidDataException ex)
            {
                throw new AnimationToolsException(service + ".InvalidArchive", ErrorCategory.InvalidData,
                    $"'{Path.GetFileName(archivePath)}' is not a readable zip archive: {ex.Message}", ex, archivePath)
                {
                    RecommendedAction = "The archive was kept as it is: " + archivePath,
                };
            }
        }

        /// <summary>The entry's path relative to the folder (<c>/</c> separators), null for a folder entry; throws when unsafe.</summary>
        static string SafeRelativePath(string service, string archivePath, string entryName)
        {
            var name = (entryName ?? "").Replace('\\', '/');
            if (name.Length == 0 || name.EndsWith("/"))
            {
                // Folders are created as their files need them; an empty folder entry carries nothing.
                if (name.StartsWith("/") || name.Split('/').Contains(".."))
                {
                    throw Unsafe(service, archivePath, entryName);
                }
                return null;
            }
            // Rooted ("/etc/x", "C:\x", "C:x", "\\server\x") or climbing ("..") entries, and characters no file name may hold.
            if (name.StartsWith("/") || name.IndexOf(':') >= 0 || name.IndexOf('\0') >= 0 || Path.IsPathRooted(name))
            {
                throw Unsafe(service, archivePath, entryName);
            }
            var segments = name.Split('/').Where(s => s.Length > 0 && s != ".").ToList();
            if (segments.Count == 0 || segments.Contains(".."))
            {
                throw Unsafe(service, archivePath, entryName);
            }
            return string.Join("/", segments);
        }

        static async Task<FileInfo> ExtractEntryAsync(ZipArchiveEntry entry, string target, CancellationToken cancellationToken)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(target));
            var temporary = target + TemporarySuffix;
            try
            {
                using (var source = entry.Open())
                using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 81920, true))
                {
                    await source.CopyToAsync(file, 81920, cancellationToken).ConfigureAwait(false);
                }
                if (File.Exists(target))
                {
                    File.Delete(target);
                }
                File.Move(temporary, target);
            }
            catch
            {
                TryDelete(temporary);
                throw;
            }
            return FileSystemItem.Of(target);
        }

        static void TryDelete(string path)
        {
            try
            {
                File.Delete(path);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        static AnimationToolsException Unsafe(string service, string archivePath, string entryName) =>
            new AnimationToolsException(service + ".UnsafeArchive", ErrorCategory.SecurityError,
                $"'{Path.GetFileName(archivePath)}' holds an entry that would be written outside the destination folder ('{entryName}'): nothing was extracted from it.", null, archivePath)
            {
                RecommendedAction = "Do not extract this archive; it was kept as it is: " + archivePath,
            };
    }
}
