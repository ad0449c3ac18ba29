using System;
using System.IO;
using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace AnimationTools.Core.Transfer
{
    /// <summary>
    /// A file this module wrote, as Get-Item returns it: a FileInfo that carries the FileSystem provider's notes
    /// (PSPath, PSParentPath, PSChildName, PSIsContainer and, on Unix, UnixStat). PowerShell's file views read them: without
    /// them the Mode, User, Group and Size columns stay blank and the Directory header is missing. The notes stay with the
    /// FileInfo itself, so they also show when the file is reached through a property (AnimationResult.Downloaded).
    /// Files are written on job threads, away from any cmdlet's provider, hence a private runspace asked one file at a time.
    /// </summary>
    public static class FileSystemItem
    {
        static readonly object Gate = new object();
        static Runspace _runspace;

        /// <summary>The file at <paramref name="path"/> as the FileSystem provider describes it (a plain FileInfo if the provider cannot).</summary>
        public static FileInfo Of(string path)
        {
            var full = Path.GetFullPath(path);
            try
            {
                lock (Gate)
                {
                    if (_runspace == null)
                    {
                        var runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
                        runspace.Open();
                        _runspace = runspace;
                    }
                    var items = _runspace.SessionStateProxy.InvokeProvider.Item.Get(new[] { full }, true, true);
                    if (items.Count == 1 && items[0].BaseObject is FileInfo described)
                    {
                        return described;
                    }
                }
            }
            catch (Exception ex) when (ex is RuntimeException || ex is InvalidOperationException || ex is IOException || ex is UnauthorizedAccessException)
            {
                // The file is still written; only its display falls back to a plain FileInfo.
            }
            return new FileInfo(full);
        }
    }
}
