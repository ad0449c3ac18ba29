using System.Management.Automation;
using AnimationTools.Core.Cmdlets;

namespace AnimationTools.AvatarSdk.Commands
{
    /// <summary>
    /// Creates a selfie upload page (valid 24 h): show its URL or QR code to a person, who uploads one photo from a
    /// phone; then pass the selfie to New-Avatar -Selfie.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "AvatarSelfie", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, HelpUri = "https://github.com/animationtools/AnimationTools/blob/main/docs/New-AvatarSelfie.md")]
    [OutputType(typeof(AvatarSelfie))]
    public sealed class NewAvatarSelfie : AnimationCmdlet
    {
        /// <summary>Saves the page's QR code image (PNG) to this file.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string QrCodePath { get; set; }

        [Parameter]
        public AvatarSdkSession Session { get; set; }

        protected override void ProcessItem()
        {
            var session = ResolveSession(Session, AvatarSdkSession.ServiceName, "Connect-AvatarSdk");
            var qrPath = QrCodePath == null ? null : GetUnresolvedProviderPathFromPSPath(QrCodePath);
            if (!ShouldProcess("selfie upload page", "Create"))
            {
                return;
            }
            var selfie = Run(token => session.Client.CreateSelfieAsync(token));
            var result = AvatarSdkModels.ToSelfie(selfie, hasPhoto: false);
            if (qrPath != null)
            {
                result.QrCodeFile = Run(token => session.Client.DownloadAsync(selfie.UploadPageQr ?? $"selfies/{selfie.Code}/qr/", qrPath, token));
            }
            WriteObject(result);
        }
    }
}
