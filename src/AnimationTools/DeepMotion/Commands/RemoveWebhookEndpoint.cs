using System.Management.Automation;
using AnimationTools.Core.Cmdlets;

namespace AnimationTools.DeepMotion.Commands
{
    /// <summary>Deletes a webhook endpoint: DeepMotion stops posting events to it.</summary>
    [Cmdlet(VerbsCommon.Remove, "WebhookEndpoint", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, HelpUri = "https://github.com/animationtools/AnimationTools/blob/main/docs/Remove-WebhookEndpoint.md")]
    public sealed class RemoveWebhookEndpoint : AnimationCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ValidateRemoteId]
        [ArgumentCompleter(typeof(WebhookEndpointIdCompleter))]
        public string[] Id { get; set; }

        [Parameter]
        public DeepMotionSession Session { get; set; }

        protected override void ProcessItem()
        {
            var session = ResolveSession(Session, DeepMotionSession.ServiceName, "Connect-DeepMotion");
            foreach (var id in Id)
            {
                if (ShouldProcess(id, "Delete DeepMotion webhook endpoint"))
                {
                    try
                    {
                        Run(token => session.Webhooks.DeleteAsync(id, token));
                    }
                    catch (Core.Errors.AnimationToolsException ex)
                    {
                        WriteError(ex.ToErrorRecord());
                    }
                }
            }
        }
    }
}
