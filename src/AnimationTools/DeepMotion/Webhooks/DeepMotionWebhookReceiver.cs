using System.Linq;
using AnimationTools.Core.Sessions;
using AnimationTools.Core.Webhooks;

namespace AnimationTools.DeepMotion.Webhooks
{
    /// <summary>
    /// DeepMotion's part of webhook receiving: events signed with the client id (the session's, or -ClientId) and, when
    /// any are known, a secret token in the URL (the session's, plus -Token).
    /// </summary>
    sealed class DeepMotionWebhookReceiver : WebhookReceiver
    {
        public override string Service => DeepMotionSession.ServiceName;

        /// <summary>The first service with webhooks: its cmdlets' calls without -Service keep meaning DeepMotion.</summary>
        public override bool IsDefault => true;

        public override bool NeedsSession(WebhookOptions options) => options.ClientId == null;

        public override IWebhookVerifier CreateVerifier(ServiceSession session, WebhookOptions options)
        {
            if (options.SigningSecret != null)
            {
                throw NotUsed("SigningSecret", "it signs events with the client id (give -ClientId, or a session).");
            }
            var deepMotion = session as DeepMotionSession;
            var extraTokens = WebhookTokenSet.Reveal(options.Tokens);
            return new DeepMotionWebhookVerifier(options.ClientId ?? deepMotion?.ClientId,
                () => extraTokens.Concat(deepMotion?.WebhookTokens.Snapshot() ?? new string[0]).ToArray(), options.MaxBodyBytes);
        }
    }
}
