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
    /// Values that arrive one by one while the upload runs (a part's ETag) are appended to a log beside it with
    /// <see cref="Append"/>, one line each and flushed at once, so saving one costs the same for the first part as for
    /// the ten-thousandth, and a crash loses at most the line being written.
    /// </summary>
    public sealed class UploadJournal
    {
        static readonly JsonSerializerOptions JsonOptions = new JsonSerializerOptions { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

        readonly string _root;
        readonly object _appendGate = new object();

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

        /// <summary>
        /// The key of an upload whose source is not one file (a folder sent as one archive ...): <paramref name="sourceIdentity"/>
        /// must change whenever the bytes to send would (names, lengths and write times of the files in it).
        /// </summary>
        public static string KeyOf(string service, string account, Uri endpoint, string sourceIdentity)
        {
            var identity = string.Join("\n", service, account ?? "", endpoint?.GetLeftPart(UriPartial.Path) ?? "", sourceIdentity ?? "");
            using (var sha = SHA256.Create())
            {
                var hash = sha.ComputeHash(Encoding.UTF8.GetBytes(identity));
                return service.ToLowerInvariant() + "-" + BitConverter.ToString(hash, 0, 16).Replace("-", "").ToLowerInvariant();
            }
        }

        /// <summary>The saved state of an upload with its appended values, or null when there is none (or it cannot be read).</summary>
        public UploadRecord Find(string key)
        {
            var path = PathOf(key);
            UploadRecord record;
            try
            {
                record = File.Exists(path) ? JsonSerializer.Deserialize<UploadRecord>(File.ReadAllText(path), JsonOptions) : null;
            }
            catch (Exception ex) when (ex is IOException || ex is JsonException || ex is UnauthorizedAccessException)
            {
                return null;
            }
            if (record == null)
            {
                return null;
            }
            record.Values = record.Values ?? new Dictionary<string, string>();
            foreach (var pair in ReadAppended(key))
            {
                record.Values[pair.Key] = pair.Value;
            }
            return record;
        }

        /// <summary>
        /// Adds one value to a saved upload (replacing an earlier one of the same name) without rewriting its record:
        /// a line appended to its log and flushed to disk before this returns. Safe to call from parallel transfers.
        /// </summary>
        public void Append(string key, string name, string value)
        {
            if (name.IndexOf('\t') >= 0 || name.IndexOf('\n') >= 0 || (value ?? "").IndexOf('\n') >= 0)
            {
                throw new ArgumentException("Journal names hold no tab or line break, values no line break.");
            }
            var line = Encoding.UTF8.GetBytes(name + "\t" + (value ?? "") + "\n");
            lock (_appendGate)
            {
                Directory.CreateDirectory(_root);
                using (var log = new FileStream(LogOf(key), FileMode.Append, FileAccess.Write, FileShare.Read, 1, FileOptions.WriteThrough))
                {
                    log.Write(line, 0, line.Length);
                    log.Flush(true);
                }
            }
        }

        IEnumerable<KeyValuePair<string, string>> ReadAppended(string key)
        {
            string[] lines;
            try
            {
                var log = LogOf(key);
                if (!File.Exists(log))
                {
                    yield break;
                }
                lines = File.ReadAllText(log, Encoding.UTF8).Split('\n');
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                yield break;
            }
            // The last element is what follows the last line break: empty, or a line a crash cut short.
            for (var i = 0; i < lines.Length - 1; i++)
            {
                var tab = lines[i].IndexOf('\t');
                if (tab > 0)
                {
                    yield return new KeyValuePair<string, string>(lines[i].Substring(0, tab), lines[i].Substring(tab + 1));
                }
            }
        }

        /// <summary>
        /// Saves (replaces) the state of an upload, its appended values included (the log starts again); written to a
        /// temporary file and renamed, so never half-written.
        /// </summary>
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
            DeleteLog(key);
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
            DeleteLog(key);
        }

        void DeleteLog(string key)
        {
            lock (_appendGate)
            {
                try
                {
                    File.Delete(LogOf(key));
                }
                catch (IOException)
                {
                }
            }
        }

        string PathOf(string key) => Path.Combine(_root, key + ".json");

        string LogOf(string key) => Path.Combine(_root, key + ".log");
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
