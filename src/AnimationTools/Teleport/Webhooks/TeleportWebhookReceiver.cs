using System.Management.Automation;
using System.Text;
using AnimationTools.Core.Errors;
using AnimationTools.Core.Sessions;
using AnimationTools.Core.Webhooks;

namespace AnimationTools.Teleport.Webhooks
{
    /// <summary>
    /// Teleport's part of webhook receiving: the organisation's webhook is signed with its signing secret (from the
    /// Developer Dashboard), which -SigningSecret gives; no session is needed to verify one.
    /// </summary>
    sealed class TeleportWebhookReceiver : WebhookReceiver
    {
        public override string Service => TeleportSession.ServiceName;

        public override bool NeedsSession(WebhookOptions options) => false;

        public override IWebhookVerifier CreateVerifier(ServiceSession session, WebhookOptions options)
        {
            if (options.Tokens != null && options.Tokens.Length > 0)
            {
                throw NotUsed("Token", "its events carry no URL token; they are signed with the signing secret.");
            }
            if (options.ClientId != null)
            {
                throw NotUsed("ClientId", "its events are signed with the signing secret, not the client id.");
            }
            if (options.SigningSecret == null || options.SigningSecret.Length == 0)
            {
                throw new AnimationToolsException("Teleport.MissingSigningSecret", ErrorCategory.InvalidArgument,
                    "Teleport signs its events with the organisation's signing secret: give it with -SigningSecret (a SecureString or a string).", null, "SigningSecret")
                {
                    RecommendedAction = "Copy the signing secret from the Teleport Developer Dashboard (webhook settings).",
                };
            }
            var key = Encoding.UTF8.GetBytes(new ClientCredential("signing", options.SigningSecret).RevealSecret());
            return new TeleportWebhookVerifier(key, options.MaxBodyBytes);
        }
    }
}
