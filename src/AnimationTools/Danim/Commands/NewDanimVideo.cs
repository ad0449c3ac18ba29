using System;
using System.Collections;
using System.IO;
using System.Management.Automation;
using AnimationTools.Core.Errors;

namespace AnimationTools.Danim.Commands
{
    /// <summary>
    /// Creates a video from a template. The template data is checked first (as Test-DanimTemplateData does) and
    /// nothing is sent when it has problems. Files on disk are preloaded, [uri] values become file+ URLs. Without
    /// -Draft the output is a DanimVideoJob that follows the generation; with -Draft the video in state DRAFT.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "DanimVideo", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, HelpUri = "https://github.com/animationtools/AnimationTools/blob/main/docs/New-DanimVideo.md")]
    [OutputType(typeof(DanimVideoJob), typeof(DanimVideo))]
    public sealed class NewDanimVideo : DanimCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(DanimTemplateIdCompleter))]
        [ValidateNotNullOrEmpty]
        public string TemplateId { get; set; }

        [Parameter(Mandatory = true, Position = 1)]
        [AllowEmptyCollection]
        public IDictionary TemplateData { get; set; }

        [Parameter]
        public string Name { get; set; }

        [Parameter]
        public string Description { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string WorkspaceId { get; set; }

        /// <summary>Called by Danim when the video is DONE (http(s), or http(s)+get:// for a GET).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string CallbackUrl { get; set; }

        /// <summary>Create the video in state DRAFT (no credit spent); generate it later with Start-DanimVideo.</summary>
        [Parameter]
        public SwitchParameter Draft { get; set; }

        /// <summary>Where the job saves the mp4 once DONE: a folder, or a path ending in .mp4.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string Destination { get; set; }

        protected override void ProcessItem()
        {
            var session = ResolvedSession;
            if (CallbackUrl != null && !IsCallbackUrl(CallbackUrl))
            {
                ThrowFailure(new AnimationToolsException(DanimErrorIds.InvalidCallbackUrl, ErrorCategory.InvalidArgument,
                    $"-CallbackUrl '{CallbackUrl}' must be an absolute http, https, http+get or https+get URL.", null, CallbackUrl));
            }
            var destination = Destination == null ? null : GetUnresolvedProviderPathFromPSPath(Destination);
            DanimTemplate template;
            try
            {
                template = Run(token => session.Client.GetTemplateAsync(TemplateId, token));
            }
            catch (AnimationToolsException ex)
            {
                WriteFailure(ex, TemplateId);
                return;
            }
            if (!ReportProblems(TemplateDataValidator.Check(template, TemplateData)))
            {
                WriteError(new AnimationToolsException(DanimErrorIds.TemplateDataInvalid, ErrorCategory.InvalidData,
                    $"The template data has problems (see the errors above); no video was created from template {TemplateId}.", null, TemplateId).ToErrorRecord());
                return;
            }
            var what = $"template {template.Name ?? TemplateId}" + (Name == null ? "" : $" as '{Name}'");
            if (!ShouldProcess(what, Draft ? "Create a draft video" : "Create and generate a video (spends a credit)"))
            {
                return;
            }
            // Danim signs nothing: an unguessable per-video token in the URL is what Start-WebhookListener -Service Danim checks.
            var callbackToken = CallbackUrl == null ? null : session.NewCallbackToken();
            var callbackUrl = CallbackUrl == null ? null : DanimSession.WithCallbackToken(CallbackUrl, callbackToken);
            try
            {
                var created = Run(async token =>
                {
                    var data = await TemplateDataPayload.BuildAsync(session.Client, TemplateData, token).ConfigureAwait(false);
                    return await session.Client.CreateVideoAsync(new VideoRequest
                    {
                        TemplateId = TemplateId, TemplateData = data, Name = Name, Description = Description, WorkspaceId = WorkspaceId,
                        CallbackUrl = callbackUrl, Draft = Draft, ExpectedName = template.Name,
                    }, token).ConfigureAwait(false);
                });
                if (callbackToken != null)
                {
                    session.BindCallbackToken(created.Id, callbackToken);
                }
                if (Draft)
                {
                    WriteObject(DanimModels.ToVideo(Run(token => session.Client.GetVideoAsync(created.Id, token))));
                    return;
                }
                var job = new DanimVideoJob(session, created.Id, created.Name ?? Name, destination, MyInvocation.Line);
                JobRepository.Add(job);
                job.Follow();
                WriteObject(job);
            }
            catch (AnimationToolsException ex)
            {
                WriteFailure(ex, TemplateId);
            }
        }

        static bool IsCallbackUrl(string url) =>
            Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == "http" || uri.Scheme == "https" || uri.Scheme == "http+get" || uri.Scheme == "https+get");
    }
}
