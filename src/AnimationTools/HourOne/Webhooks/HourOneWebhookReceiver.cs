using System.Management.Automation;
using System.Text;
using AnimationTools.Core.Errors;
using AnimationTools.Core.Sessions;
using AnimationTools.Core.Webhooks;

namespace AnimationTools.HourOne.Webhooks
{
    /// <summary>
    /// Hour One's part of webhook receiving: each registered webhook has a signing secret, which -SigningSecret gives;
    /// no session is needed to verify an event.
    /// </summary>
    sealed class HourOneWebhookReceiver : WebhookReceiver
    {
        public override string Service => HourOneSession.ServiceName;

        public override bool NeedsSession(WebhookOptions options) => false;

        public override IWebhookVerifier CreateVerifier(ServiceSession session, WebhookOptions options)
        {
            if (options.Tokens != null && options.Tokens.Length > 0)
            {
                throw NotUsed("Token", "its events carry no URL token; they are signed with the webhook's signing secret.");
            }
            if (options.ClientId != null)
            {
                throw NotUsed("ClientId", "its events are signed with the webhook's signing secret, not a client id.");
            }
            if (options.SigningSecret == null || options.SigningSecret.Length == 0)
            {
                throw new AnimationToolsException("HourOne.MissingSigningSecret", ErrorCategory.InvalidArgument,
                    "Hour One signs its events with the webhook's signing secret: give it with -SigningSecret (a SecureString or a string).", null, "SigningSecret")
                {
                    RecommendedAction = "Use the signing secret Hour One gave when the webhook was registered.",
                };
            }
            var key = Encoding.UTF8.GetBytes(new ClientCredential("signing", options.SigningSecret).RevealSecret());
            return new HourOneWebhookVerifier(key, options.MaxBodyBytes);
        }
    }
}
