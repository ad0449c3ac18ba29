using System.Management.Automation;
using AnimationTools.Core.Cmdlets;

namespace AnimationTools.AvatarSdk.Commands
{
    /// <summary>Gets what the service inferred from an avatar's photo (the model-info flags requested at creation).</summary>
    [Cmdlet(VerbsCommon.Get, "AvatarModelInfo", HelpUri = "https://github.com/animationtools/AnimationTools/blob/main/docs/Get-AvatarModelInfo.md")]
    [OutputType(typeof(AvatarModelInfo))]
    public sealed class GetAvatarModelInfo : AnimationCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Code")]
        [ValidateNotNullOrEmpty]
        [ValidateRemoteId]
        [ArgumentCompleter(typeof(AvatarCodeCompleter))]
        public string AvatarCode { get; set; }

        [Parameter]
        public AvatarSdkSession Session { get; set; }

        protected override void ProcessItem()
        {
            var session = ResolveSession(Session, AvatarSdkSession.ServiceName, "Connect-AvatarSdk");
            var info = Run(async token =>
            {
                var avatar = await session.Client.GetAvatarAsync(AvatarCode, token).ConfigureAwait(false);
                return await session.Client.GetModelInfoAsync(avatar, token).ConfigureAwait(false);
            });
            WriteObject(AvatarSdkModels.ToModelInfo(AvatarCode, info));
        }
    }
}
