using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using AnimationTools.Core.Http;
using AnimationTools.Core.Jobs;
using AnimationTools.Core.Webhooks;

namespace AnimationTools.Core.Sessions
{
    /// <summary>
    /// A connection to one service account: endpoint, client id and the HTTP pipeline that carries its auth.
    /// Holds no public secret: a session can be shown, formatted and serialized safely. It owns the pollers and the
    /// jobs that follow its work, and the webhook listener that feeds them: when it ends, they end.
    /// </summary>
    public abstract class ServiceSession : IDisposable
    {
        static int _lastId;

        readonly object _gate = new object();
        readonly HashSet<ServiceJob> _jobs = new HashSet<ServiceJob>();
        readonly List<IStatusPoller> _pollers = new List<IStatusPoller>();
        readonly RecentKeys _finishedIds = new RecentKeys(10000);
        readonly RecentKeys _hintedIds = new RecentKeys(10000);
        TimeSpan? _eventFallback;
        bool _closed;

        protected ServiceSession(string service, Uri endpoint, ClientCredential credential, TimeSpan pollInterval)
        {
            Id = Interlocked.Increment(ref _lastId);
            Service = service;
            Endpoint = endpoint;
            Credential = credential;
            PollInterval = pollInterval;
            ConnectedAt = DateTime.Now;
        }

        /// <summary>Number of this session in this process.</summary>
        public int Id { get; }

        /// <summary>Service name, e.g. DeepMotion.</summary>
        public string Service { get; }

        public Uri Endpoint { get; }

        public string ClientId => Credential.ClientId;

        public DateTime ConnectedAt { get; }

        /// <summary>Whether this is the service's current session (used when a cmdlet gets no -Session).</summary>
        public bool IsCurrent => SessionStore.IsCurrent(this);

        /// <summary>Retry and timeout settings of this session's requests; change them to tune a session.</summary>
        public RetrySettings Retry { get; } = new RetrySettings();

        /// <summary>Shortest interval between status polls of this session's jobs (it grows while nothing changes).</summary>
        public TimeSpan PollInterval { get; }

        /// <summary>
        /// How long a job keeps waiting while the service reports a status this module does not know (a new passing
        /// state, a null); after that the job fails with &lt;Service&gt;.UnknownStatus naming the value.
        /// </summary>
        public TimeSpan UnknownStatusTimeout { get; set; } = TimeSpan.FromMinutes(5);

        /// <summary>The webhook listener whose events hint this session's jobs to look, if one runs.</summary>
        public WebhookListenerJob Listener { get; private set; }

        internal ClientCredential Credential { get; }

        internal HttpPipeline Http { get; set; }

        /// <summary>Whether the session has ended (disconnected): its jobs are stopped, new ones stop at once.</summary>
        internal bool IsClosed
        {
            get
            {
                lock (_gate)
                {
                    return _closed;
                }
            }
        }

        /// <summary>The jobs of this session that are still running.</summary>
        internal IReadOnlyList<ServiceJob> RunningJobs
        {
            get
            {
                lock (_gate)
                {
                    return _jobs.ToList();
                }
            }
        }

        /// <summary>A poller this session owns: it runs at the session's interval, and is disposed with the session.</summary>
        protected StatusPoller<TStatus> OwnPoller<TStatus>(StatusPoller<TStatus>.FetchStatuses fetch, Func<TStatus, string> fingerprint, int batchSize)
            where TStatus : class
        {
            var poller = new StatusPoller<TStatus>(fetch, fingerprint, PollInterval) { BatchSize = batchSize };
            lock (_gate)
            {
                if (!_closed)
                {
                    if (_eventFallback.HasValue)
                    {
                        poller.EventFallbackInterval = _eventFallback;
                    }
                    _pollers.Add(poller);
                    return poller;
                }
            }
            poller.Dispose();
            return poller;
        }

        /// <summary>Called by a job of this session when it is created; it is stopped when the session ends.</summary>
        internal void Own(ServiceJob job)
        {
            lock (_gate)
            {
                if (!_closed)
                {
                    _jobs.Add(job);
                }
            }
        }

        /// <summary>Called by a job when it finished: later events about its work are replays.</summary>
        internal void Release(ServiceJob job, string remoteId)
        {
            lock (_gate)
            {
                _jobs.Remove(job);
            }
            if (remoteId != null)
            {
                _finishedIds.Add(remoteId);
            }
        }

        /// <summary>Makes job completions come from the listener's events; polling becomes a fallback at this interval.</summary>
        internal void AttachListener(WebhookListenerJob listener, TimeSpan fallbackInterval)
        {
            SetListener(listener, fallbackInterval);
        }

        internal void DetachListener(WebhookListenerJob listener)
        {
            lock (_gate)
            {
                if (!ReferenceEquals(Listener, listener))
                {
                    return;
                }
            }
            SetListener(null, null);
        }

        void SetListener(WebhookListenerJob listener, TimeSpan? fallbackInterval)
        {
            IStatusPoller[] pollers;
            lock (_gate)
            {
                Listener = listener;
                _eventFallback = fallbackInterval;
                pollers = _pollers.ToArray();
            }
            foreach (var poller in pollers)
            {
                poller.EventFallbackInterval = fallbackInterval;
            }
        }

        /// <summary>
        /// A verified event from the listener. An event about a job of this session makes that job ask the service
        /// now (the event's own claims about the outcome are not trusted). Returns false for a replay: an event about
        /// work whose outcome this session already has, when such an event was already passed on.
        /// </summary>
        internal bool OnWebhookEvent(object received)
        {
            if (!(received is IJobEvent evt) || string.IsNullOrEmpty(evt.RemoteId))
            {
                return true;
            }
            var firstEvent = _hintedIds.Add(evt.RemoteId);
            var jobs = RunningJobs.OfType<IRemoteJob>().Where(j => j.RemoteId == evt.RemoteId).ToList();
            if (jobs.Count > 0)
            {
                var looked = false;
                foreach (var job in jobs)
                {
                    looked |= job.LookNow();
                }
                return looked || firstEvent;
            }
            return firstEvent || !_finishedIds.Contains(evt.RemoteId);
        }

        public override string ToString() => $"{Service} #{Id} {Endpoint} ({ClientId})";

        /// <summary>Ends the session: its listener and every job it follows stop, its pollers end, its connection closes.</summary>
        public virtual void Dispose()
        {
            ServiceJob[] jobs;
            IStatusPoller[] pollers;
            WebhookListenerJob listener;
            lock (_gate)
            {
                if (_closed)
                {
                    return;
                }
                _closed = true;
                jobs = _jobs.ToArray();
                pollers = _pollers.ToArray();
                listener = Listener;
            }
            listener?.StopJob();
            foreach (var job in jobs)
            {
                job.StopJob();
            }
            foreach (var poller in pollers)
            {
                poller.Dispose();
            }
            Http?.Dispose();
        }
    }
}
