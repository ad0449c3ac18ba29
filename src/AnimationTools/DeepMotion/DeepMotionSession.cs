using System;
using AnimationTools.Core.Http;
using AnimationTools.Core.Jobs;
using AnimationTools.Core.Sessions;
using AnimationTools.Core.Webhooks;
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

        StatusPoller<DeepMotionJobStatus> _poller;

        internal DeepMotionSession(Uri endpoint, ClientCredential credential, string userUid, TimeSpan pollInterval)
            : base(ServiceName, endpoint, credential)
        {
            UserUid = userUid;
            PollInterval = pollInterval;
            Http = new HttpPipeline(ServiceName, endpoint, Retry, new ServiceErrorMapper(ServiceName));
            Authenticator = new DeepMotionAuthenticator(Http, credential, userUid);
            Http.Authenticator = Authenticator;
            Client = new DeepMotionClient(this);
            Characters = new CharacterModelClient(this);
            Webhooks = new WebhookEndpointClient(this);
        }

        /// <summary>The x-useruid value sent at login, if any: models stored by such a session belong to that user only.</summary>
        public string UserUid { get; }

        /// <summary>Shortest interval between status polls of this session's jobs (it grows while nothing changes).</summary>
        public TimeSpan PollInterval { get; }

        /// <summary>When the current login cookie expires (null before the first login).</summary>
        public DateTimeOffset? SessionExpires => Authenticator.Expires;

        internal DeepMotionAuthenticator Authenticator { get; }

        internal DeepMotionClient Client { get; }

        internal CharacterModelClient Characters { get; }

        internal WebhookEndpointClient Webhooks { get; }

        internal WebhookTokenSet WebhookTokens { get; } = new WebhookTokenSet();

        /// <summary>The webhook listener whose events complete this session's jobs, if one runs.</summary>
        public WebhookListenerJob Listener { get; private set; }

        /// <summary>Makes job completions come from the listener's events; polling becomes a fallback at this interval.</summary>
        internal void AttachListener(WebhookListenerJob listener, TimeSpan fallbackInterval)
        {
            Listener = listener;
            Poller.EventFallbackInterval = fallbackInterval;
        }

        internal void DetachListener(WebhookListenerJob listener)
        {
            if (ReferenceEquals(Listener, listener))
            {
                Listener = null;
                Poller.EventFallbackInterval = null;
            }
        }

        /// <summary>Routes a verified job.completed event to the job this session follows for that rid.</summary>
        internal void OnWebhookEvent(object received)
        {
            if (received is DeepMotionWebhookEvent evt && evt.EventType == "job.completed" && Poller.Find(evt.Rid) is AnimationJob job)
            {
                job.OnCompletedEvent(evt);
            }
        }

        internal StatusPoller<DeepMotionJobStatus> Poller
        {
            get
            {
                lock (this)
                {
                    return _poller ?? (_poller = new StatusPoller<DeepMotionJobStatus>(Client.GetStatusesAsync, s => s.Fingerprint, PollInterval));
                }
            }
        }

        /// <summary>Stops following this session's jobs (they end Stopped) and its listener, then closes the connection.</summary>
        public override void Dispose()
        {
            if (_poller != null)
            {
                foreach (var id in _poller.TrackedIds)
                {
                    (_poller.Find(id) as AnimationJob)?.StopJob();
                }
            }
            Listener?.StopJob();
            _poller?.Dispose();
            base.Dispose();
        }
    }
}
