using System.Management.Automation;
using AnimationTools.Core.Cmdlets;
using AnimationTools.Core.Errors;

namespace AnimationTools.HourOne.Commands
{
    /// <summary>Gets a rendered video's duration and the start and duration of each scene; a video not ready yet is HourOne.VideoNotReady.</summary>
    [Cmdlet(VerbsCommon.Get, "HourOneVideoMetadata", HelpUri = "https://github.com/animationtools/AnimationTools/blob/main/docs/Get-HourOneVideoMetadata.md")]
    [OutputType(typeof(HourOneVideoMetadata))]
    public sealed class GetHourOneVideoMetadata : AnimationCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("VideoId")]
        [ArgumentCompleter(typeof(HourOneVideoIdCompleter))]
        [ValidateNotNullOrEmpty]
        public string[] Id { get; set; }

        [Parameter]
        public HourOneSession Session { get; set; }

        protected override void ProcessItem()
        {
            var session = ResolveSession(Session, HourOneSession.ServiceName, "Connect-HourOne");
            foreach (var id in Id)
            {
                try
                {
                    WriteObject(HourOneModels.ToMetadata(id, Run(token => session.Client.GetMetadataAsync(id, token))));
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
