using System;
using System.Linq;
using System.Management.Automation;
using AnimationTools.Core.Cmdlets;
using AnimationTools.Core.Errors;

namespace AnimationTools.HourOne.Commands
{
    /// <summary>Gets videos by id, or lists every video of the account (newest first), optionally only some statuses.</summary>
    [Cmdlet(VerbsCommon.Get, "HourOneVideo", HelpUri = "https://github.com/animationtools/AnimationTools/blob/main/docs/Get-HourOneVideo.md")]
    [OutputType(typeof(HourOneVideo))]
    public sealed class GetHourOneVideo : AnimationCmdlet
    {
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("VideoId")]
        [ArgumentCompleter(typeof(HourOneVideoIdCompleter))]
        [ValidateNotNullOrEmpty]
        public string[] Id { get; set; }

        /// <summary>Only videos with one of these statuses (case-insensitive), e.g. failed or ready.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(HourOneStatusCompleter))]
        [ValidateNotNullOrEmpty]
        public string[] Status { get; set; }

        [Parameter]
        public HourOneSession Session { get; set; }

        protected override void ProcessItem()
        {
            var session = ResolveSession(Session, HourOneSession.ServiceName, "Connect-HourOne");
            bool Wanted(VideoDto v) => Status == null || Status.Any(s => string.Equals(s, v.Status, StringComparison.OrdinalIgnoreCase));
            if (Id == null)
            {
                // The API has no filters and no paging: one list, filtered here.
                foreach (var video in Run(token => session.Client.ListVideosAsync(token)).Where(Wanted))
                {
                    WriteObject(HourOneModels.ToVideo(video));
                }
                return;
            }
            foreach (var id in Id)
            {
                try
                {
                    var video = Run(token => session.Client.GetVideoAsync(id, token));
                    if (Wanted(video))
                    {
                        WriteObject(HourOneModels.ToVideo(video));
                    }
                }
                catch (AnimationToolsException ex)
                {
                    ex.Target = ex.Target ?? id;
                    WriteError(ex.ToErrorRecord());
                }
            }
        }
    }
}
