using System;
using System.Collections.Concurrent;
using AnimationTools.Core.Http;
using AnimationTools.Core.Jobs;
using AnimationTools.Core.Sessions;

namespace AnimationTools.Danim
{
    /// <summary>A connection to a Danim API app. Pass it with -Session to use it instead of the current one.</summary>
    public sealed class DanimSession : ServiceSession
    {
        public const string ServiceName = "Danim";

        /// <summary>The documented production service.</summary>
        public const string DefaultEndpoint = "https://api.danim.com/";

        readonly object _gate = new object();
        StatusPoller<VideoDto> _videoPoller;

        internal DanimSession(Uri endpoint, ClientCredential credential, DanimAuthMethod authMethod, TimeSpan pollInterval)
            : base(ServiceName, endpoint, credential, pollInterval)
        {
            AuthMethod = authMethod;
            Http = new HttpPipeline(ServiceName, endpoint, Retry, new DanimErrorMapper(), new DanimResponseClassifier());
            Http.Authenticator = new DanimAuthenticator(credential, authMethod);
            Client = new DanimClient(this);
        }

        /// <summary>How the credentials travel: Header, Basic or Query.</summary>
        public DanimAuthMethod AuthMethod { get; }

        internal DanimClient Client { get; }

        /// <summary>Templates read in this session (id, name), for Tab completion of -TemplateId.</summary>
        internal ConcurrentDictionary<string, string> KnownTemplates { get; } = new ConcurrentDictionary<string, string>(StringComparer.OrdinalIgnoreCase);

        /// <summary>Videos seen in this session (id, name), for Tab completion of -Id.</summary>
        internal ConcurrentDictionary<string, string> KnownVideos { get; } = new ConcurrentDictionary<string, string>(StringComparer.OrdinalIgnoreCase);

        internal StatusPoller<VideoDto> VideoPoller
        {
            get
            {
                lock (_gate)
                {
                    return _videoPoller ?? (_videoPoller = OwnPoller<VideoDto>(Client.GetVideoStatusesAsync, v => v.State + "|" + v.RawUrl, batchSize: 20));
                }
            }
        }

        public override string ToString() => base.ToString() + " auth " + AuthMethod;
    }
}
