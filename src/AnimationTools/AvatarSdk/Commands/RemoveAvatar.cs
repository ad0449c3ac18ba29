using System.Management.Automation;
using AnimationTools.Core.Cmdlets;
using AnimationTools.Core.Errors;

namespace AnimationTools.AvatarSdk.Commands
{
    /// <summary>Deletes avatars and all their data (DELETE /avatars/{code}/). Asks for confirmation by default.</summary>
    [Cmdlet(VerbsCommon.Remove, "Avatar", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, HelpUri = "https://github.com/animationtools/AnimationTools/blob/main/docs/Remove-Avatar.md")]
    public sealed class RemoveAvatar : AnimationCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("AvatarCode")]
        [ValidateNotNullOrEmpty]
        [ValidateRemoteId]
        [ArgumentCompleter(typeof(AvatarCodeCompleter))]
        public string[] Code { get; set; }

        [Parameter]
        public AvatarSdkSession Session { get; set; }

        protected override void ProcessItem()
        {
            var session = ResolveSession(Session, AvatarSdkSession.ServiceName, "Connect-AvatarSdk");
            foreach (var code in Code)
            {
                if (!ShouldProcess(code, "Delete the avatar and all its data"))
                {
                    continue;
                }
                try
                {
                    Run(token => session.Client.DeleteAvatarAsync(code, token));
                    WriteVerbose($"Deleted avatar {code}.");
                }
                catch (AnimationToolsException ex)
                {
                    ex.Target = ex.Target ?? code;
                    WriteError(ex.ToErrorRecord());
                }
            }
        }
    }
}
