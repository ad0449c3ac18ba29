using System.Management.Automation;
using AnimationTools.Core.Cmdlets;
using AnimationTools.DeepMotion.Webhooks;

namespace AnimationTools.DeepMotion.Commands
{
    /// <summary>Registers a URL that DeepMotion posts events (job.completed) to.</summary>
    [Cmdlet(VerbsCommon.New, "WebhookEndpoint", SupportsShouldProcess = true, HelpUri = "https://github.com/animationtools/AnimationTools/blob/main/docs/New-WebhookEndpoint.md")]
    [OutputType(typeof(WebhookEndpoint))]
    public sealed class NewWebhookEndpoint : AnimationCmdlet
    {
        /// <summary>Absolute URL; HTTPS unless on loopback.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Url { get; set; }

        [Parameter]
        [ValidateSet("job.completed")]
        public string[] Event { get; set; } = { "job.completed" };

        /// <summary>
        /// Embeds a random secret token in the registered URL; receivers (Start-WebhookListener, ConvertFrom-WebhookEvent)
        /// then require it, so forging an event takes more than knowing the client id.
        /// </summary>
        [Parameter]
        public SwitchParameter WithSecretToken { get; set; }

        [Parameter]
        public DeepMotionSession Session { get; set; }

        protected override void ProcessItem()
        {
            var session = ResolveSession(Session, DeepMotionSession.ServiceName, "Connect-DeepMotion");
            var url = WebhookEndpointClient.ValidateUrl(Url);
            var events = WebhookEndpointClient.ValidateEvents(Event);
            if (ShouldProcess(url.GetLeftPart(System.UriPartial.Path), "Register DeepMotion webhook endpoint for " + string.Join(", ", events)))
            {
                WriteObject(Run(token => session.Webhooks.CreateAsync(url, events, WithSecretToken, token)));
            }
        }
    }
}
