using System.Management.Automation;
using AnimationTools.Core.Cmdlets;
using AnimationTools.Core.Errors;

namespace AnimationTools.AvatarSdk.Commands
{
    /// <summary>Gets selfie pages: whether the page was visited and whether the photo has been uploaded.</summary>
    [Cmdlet(VerbsCommon.Get, "AvatarSelfie", HelpUri = "https://github.com/animationtools/AnimationTools/blob/main/docs/Get-AvatarSelfie.md")]
    [OutputType(typeof(AvatarSelfie))]
    public sealed class GetAvatarSelfie : AnimationCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ValidateRemoteId]
        public string[] Code { get; set; }

        [Parameter]
        public AvatarSdkSession Session { get; set; }

        protected override void ProcessItem()
        {
            var session = ResolveSession(Session, AvatarSdkSession.ServiceName, "Connect-AvatarSdk");
            foreach (var code in Code)
            {
                try
                {
                    var selfie = Run(async token =>
                    {
                        var dto = await session.Client.GetSelfieAsync(code, token).ConfigureAwait(false);
                        return AvatarSdkModels.ToSelfie(dto, await session.Client.SelfieHasPhotoAsync(code, token).ConfigureAwait(false));
                    });
                    WriteObject(selfie);
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
