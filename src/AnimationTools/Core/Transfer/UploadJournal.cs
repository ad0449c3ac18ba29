using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AnimationTools.Core.Transfer
{
    /// <summary>
    /// What an unfinished upload needs to go on after its process ended (Ctrl+C, a crash, a lost network): the
    /// service's upload session and whatever else the protocol keeps (part ETags ...). Saved on disk, one small JSON
    /// file an upload, keyed by the service, account, endpoint and the file's path, length and last write time, so a
    /// rerun of the same command on the same, unchanged file continues instead of uploading (and paying) again.
    /// </summary>
    public sealed class UploadJournal
    {
        static readonly JsonSerializerOptions JsonOptions = new JsonSerializerOptions { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

        readonly string _root;

        public UploadJournal(string root)
        {
            _root = Path.GetFullPath(root);
        }

        /// <summary>$env:ANIMATIONTOOLS_STATE/uploads, else under the user's local application data.</summary>
        public static UploadJournal Default
        {
            get
            {
                var configured = Environment.GetEnvironmentVariable("ANIMATIONTOOLS_STATE");
                if (string.IsNullOrEmpty(configured))
                {
                    var local = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
                    configured = Path.Combine(string.IsNullOrEmpty(local) ? Path.GetTempPath() : local, "AnimationTools", "state");
                }
                return new UploadJournal(Path.Combine(configured, "uploads"));
            }
        }

        public string Root => _root;

        /// <summary>The key of one file's upload to one account of one service.</summary>
        public static string KeyOf(string service, string account, Uri endpoint, FileInfo file)
        {
            var identity = string.Join("\n", service, account ?? "", endpoint?.GetLeftPart(UriPartial.Path) ?? "", file.FullName,
                file.Length.ToString(System.Globalization.CultureInfo.InvariantCulture),
                file.LastWriteTimeUtc.Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture));
            using (var sha = SHA256.Create())
            {
                var hash = sha.ComputeHash(Encoding.UTF8.GetBytes(identity));
                return service.ToLowerInvariant() + "-" + BitConverter.ToString(hash, 0, 16).Replace("-", "").ToLowerInvariant();
            }
        }

        /// <summary>The saved state of an upload, or null when there is none (or it cannot be read).</summary>
        public UploadRecord Find(string key)
        {
            var path = PathOf(key);
            try
            {
                return File.Exists(path) ? JsonSerializer.Deserialize<UploadRecord>(File.ReadAllText(path), JsonOptions) : null;
            }
            catch (Exception ex) when (ex is IOException || ex is JsonException || ex is UnauthorizedAccessException)
            {
                return null;
            }
        }

        /// <summary>Saves (replaces) the state of an upload; written to a temporary file and renamed, so never half-written.</summary>
        public void Save(string key, UploadRecord record)
        {
            Directory.CreateDirectory(_root);
            var path = PathOf(key);
            var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            File.WriteAllText(temporary, JsonSerializer.Serialize(record, JsonOptions));
            if (File.Exists(path))
            {
                File.Delete(path);
            }
            File.Move(temporary, path);
        }

        /// <summary>Forgets an upload (it completed, or its session is gone).</summary>
        public void Remove(string key)
        {
            try
            {
                File.Delete(PathOf(key));
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
            }
        }

        string PathOf(string key) => Path.Combine(_root, key + ".json");
    }

    /// <summary>The saved state of one unfinished upload.</summary>
    public sealed class UploadRecord
    {
        /// <summary>The key of <see cref="Values"/> under which a resumable upload keeps the storage URL its session belongs to.</summary>
        public const string StorageUrl = "url";

        /// <summary>The service's upload session (a resumable session URI, a multipart upload id ...).</summary>
        public string Session { get; set; }

        public DateTime StartedUtc { get; set; }

        /// <summary>Protocol state besides the session, e.g. the storage URL the upload was for, or part ETags by number.</summary>
        public Dictionary<string, string> Values { get; set; } = new Dictionary<string, string>();
    }
}
