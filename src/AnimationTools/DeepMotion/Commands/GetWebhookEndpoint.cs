using System.Management.Automation;
using AnimationTools.Core.Cmdlets;
using AnimationTools.DeepMotion.Webhooks;

namespace AnimationTools.DeepMotion.Commands
{
    /// <summary>Gets one webhook endpoint by id, or all of the account's endpoints.</summary>
    [Cmdlet(VerbsCommon.Get, "WebhookEndpoint", HelpUri = "https://github.com/animationtools/AnimationTools/blob/main/docs/Get-WebhookEndpoint.md")]
    [OutputType(typeof(WebhookEndpoint))]
    public sealed class GetWebhookEndpoint : AnimationCmdlet
    {
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ValidateRemoteId]
        [ArgumentCompleter(typeof(WebhookEndpointIdCompleter))]
        public string[] Id { get; set; }

        [Parameter]
        public DeepMotionSession Session { get; set; }

        protected override void ProcessItem()
        {
            var session = ResolveSession(Session, DeepMotionSession.ServiceName, "Connect-DeepMotion");
            if (Id == null)
            {
                WriteObject(Run(token => session.Webhooks.ListAsync(token)), enumerateCollection: true);
                return;
            }
            foreach (var id in Id)
            {
                try
                {
                    WriteObject(Run(token => session.Webhooks.GetAsync(id, token)));
                }
                catch (Core.Errors.AnimationToolsException ex)
                {
                    WriteError(ex.ToErrorRecord());
                }
            }
        }
    }
}
