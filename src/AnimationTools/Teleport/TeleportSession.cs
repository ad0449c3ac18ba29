using System;
using AnimationTools.Core.Auth;
using AnimationTools.Core.Http;
using AnimationTools.Core.Jobs;
using AnimationTools.Core.Sessions;
using AnimationTools.Core.Transfer;
using AnimationTools.Teleport.Captures;
using AnimationTools.Teleport.Metadata;

namespace AnimationTools.Teleport
{
    /// <summary>
    /// A connection to a Varjo Teleport organisation: OAuth2 client credentials sent as JSON to the sign-in service (a
    /// host of its own), the bearer token renewed before its hour ends. Pass it with -Session to use it instead of the
    /// current one.
    /// </summary>
    public sealed class TeleportSession : ServiceSession
    {
        public const string ServiceName = "Teleport";

        /// <summary>The API root of the real service.</summary>
        public const string DefaultEndpoint = "https://teleport.varjo.com";

        /// <summary>Varjo's sign-in service.</summary>
        public const string DefaultTokenEndpoint = "https://signin.teleport.varjo.com/oauth2/token";

        /// <summary>What Varjo's documentation asks for.</summary>
        const string Scope = "openid profile email";

        readonly object _gate = new object();
        StatusPoller<CaptureDto> _poller;

        internal TeleportSession(Uri endpoint, Uri tokenEndpoint, ClientCredential credential, TimeSpan pollInterval)
            : base(ServiceName, endpoint, credential, pollInterval)
        {
            TokenEndpoint = tokenEndpoint;
            Http = new HttpPipeline(ServiceName, endpoint, Retry, new TeleportErrorMapper());
            Tokens = new OAuth2ClientCredentialsAuthenticator(Http, tokenEndpoint.AbsoluteUri, credential, ClientAuthentication.Form, Scope, TokenRequestFormat.Json);
            Http.Authenticator = Tokens;
            Captures = new CaptureClient(this);
            Metadata = new CaptureMetadataClient(this);
            Uploads = new CaptureUploader(this);
        }

        /// <summary>Where tokens come from (Varjo's sign-in service, or the emulator's).</summary>
        public Uri TokenEndpoint { get; }

        /// <summary>When the current access token expires (it is renewed before).</summary>
        public DateTimeOffset? TokenExpires => Tokens.Expires;

        internal OAuth2ClientCredentialsAuthenticator Tokens { get; }

        internal CaptureClient Captures { get; }

        internal CaptureMetadataClient Metadata { get; }

        internal CaptureUploader Uploads { get; }

        /// <summary>Where unfinished uploads are remembered ($env:ANIMATIONTOOLS_STATE, read when the session is made).</summary>
        internal UploadJournal Journal { get; } = UploadJournal.Default;

        /// <summary>
        /// Follows this session's captures. The API has no get-by-id: one walk of the list answers for every tracked
        /// capture, so the batch is as large as the poller allows.
        /// </summary>
        internal StatusPoller<CaptureDto> Poller
        {
            get
            {
                lock (_gate)
                {
                    return _poller ?? (_poller = OwnPoller<CaptureDto>(Captures.GetStatusesAsync, c => c.Fingerprint, batchSize: 1000));
                }
            }
        }
    }
}
