using System;
using System.Threading;
using AnimationTools.Core.Http;

namespace AnimationTools.Core.Sessions
{
    /// <summary>
    /// A connection to one service account: endpoint, client id and the HTTP pipeline that carries its auth.
    /// Holds no public secret: a session can be shown, formatted and serialized safely.
    /// </summary>
    public abstract class ServiceSession : IDisposable
    {
        static int _lastId;

        protected ServiceSession(string service, Uri endpoint, ClientCredential credential)
        {
            Id = Interlocked.Increment(ref _lastId);
            Service = service;
            Endpoint = endpoint;
            Credential = credential;
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

        internal ClientCredential Credential { get; }

        internal HttpPipeline Http { get; set; }

        public override string ToString() => $"{Service} #{Id} {Endpoint} ({ClientId})";

        public virtual void Dispose()
        {
            Http?.Dispose();
        }
    }
}
