using System.Management.Automation;
using AnimationTools.Core.Cmdlets;
using AnimationTools.Core.Errors;
using AnimationTools.DeepMotion.Webhooks;

namespace AnimationTools.DeepMotion.Commands
{
    /// <summary>Changes a webhook endpoint's URL and/or events; what is not given keeps its value.</summary>
    [Cmdlet(VerbsCommon.Set, "WebhookEndpoint", SupportsShouldProcess = true, HelpUri = "https://github.com/animationtools/AnimationTools/blob/main/docs/Set-WebhookEndpoint.md")]
    [OutputType(typeof(WebhookEndpoint))]
    public sealed class SetWebhookEndpoint : AnimationCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ValidateRemoteId]
        [ArgumentCompleter(typeof(WebhookEndpointIdCompleter))]
        public string Id { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string Url { get; set; }

        [Parameter]
        [ValidateSet("job.completed")]
        public string[] Event { get; set; }

        /// <summary>Embed a new random secret token in the new URL.</summary>
        [Parameter]
        public SwitchParameter WithSecretToken { get; set; }

        [Parameter]
        public DeepMotionSession Session { get; set; }

        protected override void ProcessItem()
        {
            var session = ResolveSession(Session, DeepMotionSession.ServiceName, "Connect-DeepMotion");
            if (Url == null && Event == null)
            {
                throw new AnimationToolsException("DeepMotion.InvalidParameter.Url", ErrorCategory.InvalidArgument, "Give -Url, -Event or both.", null, Id);
            }
            if (WithSecretToken && Url == null)
            {
                throw new AnimationToolsException("DeepMotion.InvalidParameter.WithSecretToken", ErrorCategory.InvalidArgument, "-WithSecretToken needs -Url: the token is part of the URL.", null, Id);
            }
            var url = Url == null ? null : WebhookEndpointClient.ValidateUrl(Url);
            var events = Event == null ? null : WebhookEndpointClient.ValidateEvents(Event);
            if (ShouldProcess(Id, "Update DeepMotion webhook endpoint"))
            {
                WriteObject(Run(token => session.Webhooks.UpdateAsync(Id, url, events, WithSecretToken, token)));
            }
        }
    }
}
