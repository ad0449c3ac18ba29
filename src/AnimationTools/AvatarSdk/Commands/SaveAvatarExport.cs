using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using AnimationTools.Core.Cmdlets;
using AnimationTools.Core.Errors;
using AnimationTools.Core.Transfer;

namespace AnimationTools.AvatarSdk.Commands
{
    /// <summary>
    /// Downloads every file of a completed export and all their static files. Static files rarely change, so they are
    /// kept in a local cache under the document's key (category/identity/file name; the full URL for metaperson_2.0)
    /// and copied from there for the next avatar.
    /// </summary>
    [Cmdlet(VerbsData.Save, "AvatarExport", HelpUri = "https://github.com/animationtools/AnimationTools/blob/main/docs/Save-AvatarExport.md")]
    [OutputType(typeof(FileInfo))]
    public sealed class SaveAvatarExport : AnimationCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ValidateRemoteId]
        [ArgumentCompleter(typeof(AvatarCodeCompleter))]
        public string AvatarCode { get; set; }

        /// <summary>The export's code (an AvatarExport from Get-AvatarExport binds by its Code).</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [Alias("Code")]
        [ValidateNotNullOrEmpty]
        [ValidateRemoteId]
        public string ExportCode { get; set; }

        [Parameter(Position = 2)]
        [ValidateNotNullOrEmpty]
        public string Destination { get; set; } = ".";

        /// <summary>Folder of the static-file cache (default: the user's local application data, or $env:ANIMATIONTOOLS_CACHE).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string CacheDirectory { get; set; }

        /// <summary>Download static files even when cached (the cache is refreshed).</summary>
        [Parameter]
        public SwitchParameter NoCache { get; set; }

        [Parameter]
        public AvatarSdkSession Session { get; set; }

        protected override void ProcessItem()
        {
            var session = ResolveSession(Session, AvatarSdkSession.ServiceName, "Connect-AvatarSdk");
            var destination = GetUnresolvedProviderPathFromPSPath(Destination);
            var cacheRoot = CacheDirectory != null
                ? GetUnresolvedProviderPathFromPSPath(CacheDirectory)
                : Path.Combine(DownloadCache.DefaultRoot(AvatarSdkSession.ServiceName), SafeName(session.Endpoint.Authority.Replace(':', '_')));
            var cache = new DownloadCache(cacheRoot);

            var export = Run(token => session.Client.GetExportAsync(AvatarCode, ExportCode, token));
            if (export.Status != "Completed")
            {
                throw new AnimationToolsException("AvatarSdk.ExportNotReady", ErrorCategory.ResourceUnavailable,
                    $"Export {ExportCode} of avatar {AvatarCode} is {export.Status}; only a Completed export can be saved.", null, ExportCode)
                {
                    RecommendedAction = "Wait for the export (Wait-Job on the job of New-Avatar or New-AvatarExport), then save it.",
                };
            }

            var metaPerson = Run(token => session.Client.GetAvatarAsync(AvatarCode, token)).Pipeline == "metaperson_2.0";
            var files = export.Files ?? new List<ExportFileDto>();
            var progress = new ProgressRecord(4712, "Saving export " + ExportCode, "Starting");
            var total = files.Count + files.Sum(f => f.StaticFiles?.Count ?? 0);
            var done = 0;
            var hits = 0;
            foreach (var file in files)
            {
                var folder = file.Category == null ? destination : Path.Combine(destination, SafeName(file.Category));
                Report(progress, ref done, total, file.Identity);
                var zip = Run(token => session.Client.DownloadAsync(file.File, Path.Combine(folder, SafeName(file.Identity) + ".zip"), token));
                WriteObject(zip);
                foreach (var url in file.StaticFiles ?? new List<string>())
                {
                    var uri = session.Client.Resolve(url);
                    var fileName = SafeName(Uri.UnescapeDataString(uri.Segments.Last().TrimEnd('/')));
                    var key = metaPerson ? uri.AbsoluteUri : string.Join("/", new[] { file.Category, file.Identity, fileName }.Where(p => !string.IsNullOrEmpty(p)));
                    if (NoCache)
                    {
                        var stale = cache.PathOf(key);
                        if (File.Exists(stale))
                        {
                            File.Delete(stale);
                        }
                    }
                    Report(progress, ref done, total, fileName);
                    var target = Path.Combine(folder, SafeName(file.Identity), fileName);
                    var saved = Run(token => cache.GetAsync(key, uri, session.Client.Downloader(), target, token));
                    hits += saved.Item2 ? 1 : 0;
                    WriteObject(saved.Item1);
                }
            }
            progress.RecordType = ProgressRecordType.Completed;
            WriteProgress(progress);
            WriteVerbose($"Saved export {ExportCode}: {files.Count} file(s), {total - files.Count} static file(s) of which {hits} came from the cache at {cache.Root}.");
        }

        void Report(ProgressRecord record, ref int done, int total, string item)
        {
            record.StatusDescription = item;
            record.PercentComplete = total == 0 ? 100 : Math.Min(100, done * 100 / total);
            done++;
            WriteProgress(record);
        }

        static string SafeName(string name)
        {
            foreach (var invalid in Path.GetInvalidFileNameChars())
            {
                name = name.Replace(invalid, '_');
            }
            return name == "." || name == ".." ? "_" : name;
        }
    }
}
