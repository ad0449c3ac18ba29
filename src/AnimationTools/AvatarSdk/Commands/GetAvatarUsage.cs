using System;
using System.Management.Automation;
using AnimationTools.Core.Cmdlets;

namespace AnimationTools.AvatarSdk.Commands
{
    /// <summary>
    /// Gets the avatars created in the current billing period with what the plan covers (prepaid) and what is to pay,
    /// or, with -Since and -Until, the avatars created in that time frame.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "AvatarUsage", HelpUri = "https://github.com/animationtools/AnimationTools/blob/main/docs/Get-AvatarUsage.md")]
    [OutputType(typeof(AvatarUsage))]
    public sealed class GetAvatarUsage : AnimationCmdlet
    {
        [Parameter]
        public DateTime Since { get; set; }

        [Parameter]
        public DateTime Until { get; set; }

        [Parameter]
        public AvatarSdkSession Session { get; set; }

        protected override void ProcessItem()
        {
            var since = MyInvocation.BoundParameters.ContainsKey(nameof(Since)) ? Since : (DateTime?)null;
            var until = MyInvocation.BoundParameters.ContainsKey(nameof(Until)) ? Until : (DateTime?)null;
            if (since.HasValue && until.HasValue && since.Value >= until.Value)
            {
                throw AvatarPipelines.Invalid(nameof(Until), "-Until must be later than -Since.");
            }
            var session = ResolveSession(Session, AvatarSdkSession.ServiceName, "Connect-AvatarSdk");
            var usage = Run(token => session.Client.GetUsageAsync(since, until, token));
            WriteObject(new AvatarUsage { Created = usage.Created, Prepaid = usage.Prepaid, ToPay = usage.ToPay, Since = since, Until = until });
        }
    }
}
