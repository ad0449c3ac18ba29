using System;
using System.Collections.Concurrent;
using System.Text.Json;
using AnimationTools.Core.Auth;
using AnimationTools.Core.Http;
using AnimationTools.Core.Jobs;
using AnimationTools.Core.Sessions;

namespace AnimationTools.AvatarSdk
{
    /// <summary>A connection to an Avatar SDK application. Pass it with -Session to use it instead of the current one.</summary>
    public sealed class AvatarSdkSession : ServiceSession
    {
        public const string ServiceName = "AvatarSdk";

        /// <summary>The documented production service.</summary>
        public const string DefaultEndpoint = "https://api.avatarsdk.com/";

        readonly object _gate = new object();
        StatusPoller<AvatarDto> _avatarPoller;
        StatusPoller<ExportDto> _exportPoller;

        internal AvatarSdkSession(Uri endpoint, ClientCredential credential, TimeSpan pollInterval)
            : base(ServiceName, endpoint, credential, pollInterval)
        {
            Http = new HttpPipeline(ServiceName, endpoint, Retry, new AvatarSdkErrorMapper());
            Tokens = new OAuth2ClientCredentialsAuthenticator(Http, "o/token/", credential, ClientAuthentication.Basic);
            Authenticator = new AvatarSdkAuthenticator(Tokens);
            Http.Authenticator = Authenticator;
            Client = new AvatarSdkClient(this);
        }

        /// <summary>The player whose X-PlayerUID signs every request (client access mode); null in developer access.</summary>
        public string PlayerUid => Authenticator.PlayerUid;

        /// <summary>Developer (the application's data) or Client (one player's data, X-PlayerUID on every request).</summary>
        public string AccessMode => PlayerUid == null ? "Developer" : "Client";

        /// <summary>When the current access token expires (it is renewed before).</summary>
        public DateTimeOffset? TokenExpires => Tokens.Expires;

        internal OAuth2ClientCredentialsAuthenticator Tokens { get; }

        internal AvatarSdkAuthenticator Authenticator { get; }

        internal AvatarSdkClient Client { get; }

        /// <summary>Available computation parameters per "pipeline|subtype", for completion and name lookups.</summary>
        internal ConcurrentDictionary<string, JsonElement> AvailableParameters { get; } = new ConcurrentDictionary<string, JsonElement>();

        internal StatusPoller<AvatarDto> AvatarPoller
        {
            get
            {
                lock (_gate)
                {
                    return _avatarPoller ?? (_avatarPoller = OwnPoller<AvatarDto>(Client.GetAvatarStatusesAsync, a => a.Fingerprint, batchSize: 10));
                }
            }
        }

        internal StatusPoller<ExportDto> ExportPoller
        {
            get
            {
                lock (_gate)
                {
                    return _exportPoller ?? (_exportPoller = OwnPoller<ExportDto>(Client.GetExportStatusesAsync, e => e.Fingerprint, batchSize: 10));
                }
            }
        }

        public override string ToString() => base.ToString() + (PlayerUid == null ? "" : " player " + PlayerUid);
    }
}
