using System.Management.Automation;
using AnimationTools.Core.Errors;

namespace AnimationTools.Danim.Commands
{
    /// <summary>Preloads files (/upload/me); each id stands for its file in template data and logos for 24 hours.</summary>
    [Cmdlet(VerbsCommunications.Send, "DanimFile", HelpUri = "https://github.com/animationtools/AnimationTools/blob/main/docs/Send-DanimFile.md")]
    [OutputType(typeof(DanimFile))]
    public sealed class SendDanimFile : DanimCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName")]
        [ValidateNotNullOrEmpty]
        public string[] Path { get; set; }

        protected override void ProcessItem()
        {
            var session = ResolvedSession;
            foreach (var path in Path)
            {
                var full = GetUnresolvedProviderPathFromPSPath(path);
                try
                {
                    DanimFiles.Check(full, nameof(Path));
                    WriteObject(Run(token => session.Client.UploadAsync(full, token)));
                }
                catch (AnimationToolsException ex)
                {
                    WriteFailure(ex, full);
                }
            }
        }
    }
}
