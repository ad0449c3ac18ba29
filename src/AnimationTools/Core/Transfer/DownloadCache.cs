using System;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AnimationTools.Core.Cmdlets;

namespace AnimationTools.Core.Transfer
{
    /// <summary>
    /// A folder of files that rarely change (static textures ...), each stored under a key its service defines, so a
    /// second download of the same key is a local copy. Keys that are URLs or contain odd characters are stored under
    /// a hash; plain relative keys (<c>haircuts/afro/texture.png</c>) keep their shape, which helps people browsing it.
    /// </summary>
    public sealed class DownloadCache
    {
        readonly string _root;

        public DownloadCache(string root)
        {
            _root = Path.GetFullPath(root);
        }

        public string Root => _root;

        /// <summary>The default cache folder of a service: $env:ANIMATIONTOOLS_CACHE, else under the user's local application data.</summary>
        public static string DefaultRoot(string service)
        {
            var configured = Environment.GetEnvironmentVariable("ANIMATIONTOOLS_CACHE");
            if (!string.IsNullOrEmpty(configured))
            {
                return Path.Combine(configured, service);
            }
            var local = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
            if (string.IsNullOrEmpty(local))
            {
                local = Path.GetTempPath();
            }
            return Path.Combine(local, "AnimationTools", "cache", service);
        }

        /// <summary>Where a key is stored (the file may not exist yet).</summary>
        public string PathOf(string key)
        {
            var segments = key.Replace('\\', '/').Split(new[] { '/' }, StringSplitOptions.RemoveEmptyEntries);
            var plain = !key.Contains("://") && segments.Length > 0 && Array.TrueForAll(segments, s => s != "." && s != ".." && s.IndexOfAny(Path.GetInvalidFileNameChars()) < 0);
            if (plain)
            {
                return Path.Combine(_root, Path.Combine(segments));
            }
            string hash;
            using (var sha = SHA256.Create())
            {
                hash = BitConverter.ToString(sha.ComputeHash(Encoding.UTF8.GetBytes(key))).Replace("-", "").Substring(0, 32).ToLowerInvariant();
            }
            var name = segments.Length == 0 ? "file" : segments[segments.Length - 1].Split('?')[0];
            foreach (var invalid in Path.GetInvalidFileNameChars())
            {
                name = name.Replace(invalid, '_');
            }
            return Path.Combine(_root, "by-hash", hash, name);
        }

        /// <summary>
        /// Copies the cached file of <paramref name="key"/> to <paramref name="destination"/>, downloading it into the
        /// cache first when it is not there. Returns the destination and whether the cache had it.
        /// </summary>
        public async Task<Tuple<FileInfo, bool>> GetAsync(string key, Uri url, FileDownload download, string destination, CancellationToken cancellationToken)
        {
            var cached = PathOf(key);
            var hit = File.Exists(cached);
            if (!hit)
            {
                // FileDownload writes name.partial and renames it when complete: a broken download never looks cached.
                await download.DownloadAsync(url, cached, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                OperationStreams.Current.Verbose($"cache hit for {key}");
            }
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(destination)));
            if (!string.Equals(Path.GetFullPath(cached), Path.GetFullPath(destination), StringComparison.Ordinal))
            {
                File.Copy(cached, destination, overwrite: true);
            }
            return Tuple.Create(FileSystemItem.Of(destination), hit);
        }
    }
}
