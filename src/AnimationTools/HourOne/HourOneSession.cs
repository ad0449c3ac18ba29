using System;
using AnimationTools.Core.Auth;
using AnimationTools.Core.Http;
using AnimationTools.Core.Jobs;
using AnimationTools.Core.Sessions;

namespace AnimationTools.HourOne
{
    /// <summary>
    /// A connection to an Hour One account, signed with its API key (the <c>api-key</c> header). The key is kept as a
    /// SecureString inside and never shown. Pass the session with -Session to use it instead of the current one.
    /// </summary>
    public sealed class HourOneSession : ServiceSession
    {
        public const string ServiceName = "HourOne";

        /// <summary>The documented production API root.</summary>
        public const string DefaultEndpoint = "https://api.makereals.com/api/v1";

        internal const string ApiKeyHeader = "api-key";

        readonly object _gate = new object();
        StatusPoller<VideoDto> _videoPoller;

        internal HourOneSession(Uri endpoint, ClientCredential credential, TimeSpan pollInterval, string workspaceId, string teamId)
            : base(ServiceName, endpoint, credential, pollInterval)
        {
            WorkspaceId = workspaceId;
            TeamId = teamId;
            Http = new HttpPipeline(ServiceName, endpoint, Retry, new HourOneErrorMapper());
            Http.Authenticator = new StaticHeaderAuthenticator(ApiKeyHeader, credential);
            Client = new HourOneClient(this);
        }

        /// <summary>Sent as the workspace-id header when creating videos; null when not given.</summary>
        public string WorkspaceId { get; }

        /// <summary>Sent as the team-id header when creating videos; null when not given.</summary>
        public string TeamId { get; }

        internal HourOneClient Client { get; }

        internal StatusPoller<VideoDto> VideoPoller
        {
            get
            {
                lock (_gate)
                {
                    return _videoPoller ?? (_videoPoller = OwnPoller<VideoDto>(Client.GetVideoStatusesAsync, v => v.Fingerprint, batchSize: 20));
                }
            }
        }

        public override string ToString() => base.ToString() + (WorkspaceId == null ? "" : " workspace " + WorkspaceId) + (TeamId == null ? "" : " team " + TeamId);
    }
}
