using System.Management.Automation;
using AnimationTools.Core.Cmdlets;

namespace AnimationTools.DeepMotion.Commands
{
    /// <summary>Gets the credit balance of the DeepMotion account.</summary>
    [Cmdlet(VerbsCommon.Get, "DeepMotionCredit", HelpUri = "https://github.com/animationtools/AnimationTools/blob/main/docs/Get-DeepMotionCredit.md")]
    [OutputType(typeof(DeepMotionCredit))]
    public sealed class GetDeepMotionCredit : AnimationCmdlet
    {
        [Parameter]
        public DeepMotionSession Session { get; set; }

        protected override void ProcessItem()
        {
            var session = ResolveSession(Session, DeepMotionSession.ServiceName, "Connect-DeepMotion");
            var credits = Run(token => session.Client.GetCreditBalanceAsync(token));
            WriteObject(new DeepMotionCredit { Credits = credits, Endpoint = session.Endpoint.ToString() });
        }
    }
}
