using AnimationTools.Core.Errors;
using AnimationTools.Core.Sessions;
using AnimationTools.Core.Webhooks;

namespace AnimationTools.Danim.Webhooks
{
    /// <summary>
    /// Danim's part of webhook receiving: Danim signs nothing, so a callback is trusted only when its URL carries the
    /// per-video token the session added to the callback URL New-DanimVideo sent. That needs the session.
    /// </summary>
    sealed class DanimCallbackReceiver : WebhookReceiver
    {
        public override string Service => DanimSession.ServiceName;

        public override bool NeedsSession(WebhookOptions options) => true;

        public override IWebhookVerifier CreateVerifier(ServiceSession session, WebhookOptions options)
        {
            if (options.SigningSecret != null && options.SigningSecret.Length > 0)
            {
                throw NotUsed("SigningSecret", "Danim signs nothing; its callbacks carry the per-video token the session issued.");
            }
            if (options.Tokens != null && options.Tokens.Length > 0)
            {
                throw NotUsed("Token", "the session issues and checks the per-video callback tokens itself.");
            }
            if (options.ClientId != null)
            {
                throw NotUsed("ClientId", "its callbacks carry the per-video token the session issued.");
            }
            return new DanimCallbackVerifier((DanimSession)session, options.MaxBodyBytes);
        }
    }
}
