using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AnimationTools.Core.Transfer;

namespace AnimationTools.DeepMotion
{
    /// <summary>
    /// Saves a finished job's files as the user asked for them. DeepMotion delivers bvh, fbx and glb as zip archives:
    /// they are extracted into the destination, every extracted file named <c>&lt;rid&gt;-&lt;entry&gt;</c> (so the
    /// files of two jobs never collide, and all files of one job start with its rid), and the archive is removed
    /// unless it is to be kept.
    /// </summary>
    static class AnimationDownload
    {
        /// <summary>
        /// Downloads the result's files (optionally only some formats) into a folder and extracts the archives; returns
        /// the files now in the folder, which the result's Downloaded also lists.
        /// </summary>
        internal static async Task<List<FileInfo>> SaveAsync(DeepMotionClient client, AnimationResult result, string destination, string[] formats, bool keepArchive, CancellationToken cancellationToken)
        {
            var downloaded = await client.DownloadFilesAsync(result, destination, formats, cancellationToken).ConfigureAwait(false);
            var saved = new List<FileInfo>();
            foreach (var info in downloaded)
            {
                if (!info.Name.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
                {
                    saved.Add(info);
                    continue;
                }
                var file = result.Files.FirstOrDefault(f => f.Path == info.FullName);
                var extracted = await ZipExtractor.ExtractAsync(DeepMotionSession.ServiceName, info.FullName, destination, entry => Prefixed(result.Rid, entry), cancellationToken).ConfigureAwait(false);
                saved.AddRange(extracted);
                if (keepArchive)
                {
                    saved.Add(info);
                }
                else
                {
                    File.Delete(info.FullName);
                }
                if (file != null)
                {
                    file.Extracted = extracted.ToArray();
                    var main = extracted.FirstOrDefault(f => f.Extension.Equals("." + file.Format, StringComparison.OrdinalIgnoreCase)) ?? extracted.FirstOrDefault();
                    file.Path = main?.FullName ?? (keepArchive ? info.FullName : null);
                }
            }
            result.Downloaded = saved.ToArray();
            return saved;
        }

        /// <summary><c>jump.bvh</c> becomes <c>&lt;rid&gt;-jump.bvh</c>; <c>textures/skin.png</c> becomes <c>&lt;rid&gt;-textures/skin.png</c>.</summary>
        internal static string Prefixed(string rid, string entry)
        {
            var prefix = rid + "-";
            return entry.StartsWith(prefix, StringComparison.Ordinal) ? entry : prefix + entry;
        }
    }
}
