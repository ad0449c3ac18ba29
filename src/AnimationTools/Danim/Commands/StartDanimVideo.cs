using System.IO;
using System.Management.Automation;
using AnimationTools.Core.Errors;

namespace AnimationTools.Danim.Commands
{
    /// <summary>Generates draft videos (/write/video/generate) and returns a DanimVideoJob for each.</summary>
    [Cmdlet(VerbsLifecycle.Start, "DanimVideo", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, HelpUri = "https://github.com/animationtools/AnimationTools/blob/main/docs/Start-DanimVideo.md")]
    [OutputType(typeof(DanimVideoJob))]
    public sealed class StartDanimVideo : DanimCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("VideoId")]
        [ArgumentCompleter(typeof(DanimVideoIdCompleter))]
        [ValidateNotNullOrEmpty]
        public string[] Id { get; set; }

        /// <summary>Where the job saves the mp4 once DONE: a folder, or a path ending in .mp4.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string Destination { get; set; }

        protected override void ProcessItem()
        {
            var session = ResolvedSession;
            var destination = Destination == null ? null : GetUnresolvedProviderPathFromPSPath(Destination);
            foreach (var id in Id)
            {
                if (!ShouldProcess(id, "Generate the draft video (spends a credit)"))
                {
                    continue;
                }
                try
                {
                    Run(token => session.Client.GenerateAsync(id, token));
                    session.KnownVideos.TryGetValue(id, out var name);
                    var job = new DanimVideoJob(session, id, name, destination, MyInvocation.Line);
                    JobRepository.Add(job);
                    job.Follow();
                    WriteObject(job);
                }
                catch (AnimationToolsException ex)
                {
                    WriteFailure(ex, id);
                }
            }
        }
    }
}
