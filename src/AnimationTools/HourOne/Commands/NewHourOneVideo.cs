using System.Collections;
using System.Management.Automation;
using AnimationTools.Core.Cmdlets;
using AnimationTools.Core.Http;

namespace AnimationTools.HourOne.Commands
{
    /// <summary>
    /// Creates a video from a draft or a recipe (POST /videos, which spends credits) and returns it as a PowerShell job
    /// whose output is the rendered HourOneVideo; with -Destination the mp4 is downloaded first. Every create carries a
    /// unique correlation_id, so a create whose answer got lost is found again instead of being sent twice.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "HourOneVideo", DefaultParameterSetName = DraftSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, HelpUri = "https://github.com/animationtools/AnimationTools/blob/main/docs/New-HourOneVideo.md")]
    [OutputType(typeof(HourOneVideoJob))]
    public sealed class NewHourOneVideo : AnimationCmdlet
    {
        const string DraftSet = "Draft";
        const string RecipeSet = "Recipe";

        /// <summary>The project (draft) the video is based on.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = DraftSet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string SourceDraftId { get; set; }

        /// <summary>The recipe the video is based on.</summary>
        [Parameter(Mandatory = true, ParameterSetName = RecipeSet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string RecipeId { get; set; }

        /// <summary>The name of the project the request creates; the source's name by default.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string Name { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string FolderId { get; set; }

        /// <summary>Replaces the source's colour palette.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string PaletteId { get; set; }

        /// <summary>Replaces the source's character (presenter).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string CharacterId { get; set; }

        /// <summary>Replaces the source's voice.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string VoiceId { get; set; }

        /// <summary>
        /// One hashtable per scene of the source, in order (the override form): Name (required), Texts, Media (URLs),
        /// Transcript (at most 1000 characters), VoiceRecordingUrl.
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public Hashtable[] Scene { get; set; }

        /// <summary>Your own values kept with the video: strings, integers and booleans.</summary>
        [Parameter]
        public Hashtable Metadata { get; set; }

        /// <summary>A folder: once rendered, the mp4 is downloaded there as &lt;id&gt;.mp4 before the job completes.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string Destination { get; set; }

        [Parameter]
        public HourOneSession Session { get; set; }

        protected override void ProcessItem()
        {
            var session = ResolveSession(Session, HourOneSession.ServiceName, "Connect-HourOne");
            var request = new VideoRequest
            {
                SourceDraftId = ParameterSetName == DraftSet ? SourceDraftId : null,
                RecipeId = ParameterSetName == RecipeSet ? RecipeId : null,
                Name = Name,
                FolderId = FolderId,
                PaletteId = PaletteId,
                CharacterId = CharacterId,
                VoiceId = VoiceId,
                Scenes = Scene == null ? null : HourOneInput.Scenes(Scene),
                Metadata = Metadata == null ? null : HourOneInput.Metadata(Metadata),
            };
            var destination = Destination == null ? null : GetUnresolvedProviderPathFromPSPath(Destination);

            var source = request.SourceDraftId != null ? "draft " + request.SourceDraftId : "recipe " + request.RecipeId;
            if (!ShouldProcess(Name == null ? source : $"'{Name}' from {source}", "Create an Hour One video (spends credits)"))
            {
                return;
            }

            var created = Run(token => session.Client.CreateVideoAsync(request, token));
            created.CorrelationId = created.CorrelationId ?? request.CorrelationId;
            var job = new HourOneVideoJob(session, created, destination, MyInvocation.Line?.Trim());
            JobRepository.Add(job);
            job.Follow();
            WriteObject(job);
        }
    }
}
