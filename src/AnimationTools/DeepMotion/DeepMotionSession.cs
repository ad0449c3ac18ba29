using System;
using AnimationTools.Core.Http;
using AnimationTools.Core.Jobs;
using AnimationTools.Core.Sessions;
using AnimationTools.DeepMotion.Characters;
using AnimationTools.DeepMotion.Webhooks;

namespace AnimationTools.DeepMotion
{
    /// <summary>A connection to a DeepMotion Animate 3D account. Pass it with -Session to use it instead of the current one.</summary>
    public sealed class DeepMotionSession : ServiceSession
    {
        public const string ServiceName = "DeepMotion";

        /// <summary>The documented production service.</summary>
        public const string DefaultEndpoint = "https://service.deepmotion.com";

        readonly object _gate = new object();
        StatusPoller<DeepMotionJobStatus> _poller;

        internal DeepMotionSession(Uri endpoint, ClientCredential credential, string userUid, TimeSpan pollInterval)
            : base(ServiceName, endpoint, credential, pollInterval)
        {
            UserUid = userUid;
            Http = new HttpPipeline(ServiceName, endpoint, Retry, new ServiceErrorMapper(ServiceName));
            Authenticator = new DeepMotionAuthenticator(Http, credential, userUid);
            Http.Authenticator = Authenticator;
            Client = new DeepMotionClient(this);
            Characters = new CharacterModelClient(this);
            Webhooks = new WebhookEndpointClient(this);
        }

        /// <summary>The x-useruid value sent at login, if any: models stored by such a session belong to that user only.</summary>
        public string UserUid { get; }

        /// <summary>When the current login cookie expires (null before the first login).</summary>
        public DateTimeOffset? SessionExpires => Authenticator.Expires;

        internal DeepMotionAuthenticator Authenticator { get; }

        internal DeepMotionClient Client { get; }

        internal CharacterModelClient Characters { get; }

        internal WebhookEndpointClient Webhooks { get; }

        internal WebhookTokenSet WebhookTokens { get; } = new WebhookTokenSet();

        internal StatusPoller<DeepMotionJobStatus> Poller
        {
            get
            {
                lock (_gate)
                {
                    return _poller ?? (_poller = OwnPoller<DeepMotionJobStatus>(Client.GetStatusesAsync, s => s.Fingerprint, batchSize: 50));
                }
            }
        }
    }
}
