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

        /// <summary>The query parameter carrying a callback's token.</summary>
        public const string CallbackTokenParameter = "at_token";

        readonly object _gate = new object();
        readonly ConcurrentDictionary<string, byte> _issuedTokens = new ConcurrentDictionary<string, byte>(StringComparer.Ordinal);
        readonly ConcurrentDictionary<string, string> _tokenByVideo = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        StatusPoller<VideoDto> _videoPoller;

        internal DanimSession(Uri endpoint, ClientCredential credential, DanimAuthMethod authMethod, TimeSpan pollInterval)
            : base(ServiceName, endpoint, credential, pollInterval)
        {
            AuthMethod = authMethod;
            Http = new HttpPipeline(ServiceName, endpoint, Retry, new DanimErrorMapper(), new DanimResponseClassifier());
            Http.Authenticator = new DanimAuthenticator(credential, authMethod, () => _issuedTokens.Keys);
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

        /// <summary>
        /// A new unguessable callback token (32 random bytes, base64url), kept by this session and masked in everything
        /// the pipeline writes; bind it to the video once its id is known.
        /// </summary>
        internal string NewCallbackToken()
        {
            var bytes = new byte[32];
            using (var random = System.Security.Cryptography.RandomNumberGenerator.Create())
            {
                random.GetBytes(bytes);
            }
            var token = Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
            _issuedTokens[token] = 0;
            return token;
        }

        /// <summary>The callback URL with the token added as <see cref="CallbackTokenParameter"/> (before any fragment).</summary>
        internal static string WithCallbackToken(string callbackUrl, string token)
        {
            var hash = callbackUrl.IndexOf('#');
            var head = hash < 0 ? callbackUrl : callbackUrl.Substring(0, hash);
            var fragment = hash < 0 ? "" : callbackUrl.Substring(hash);
            var separator = head.Contains("?") ? (head.EndsWith("?") || head.EndsWith("&") ? "" : "&") : "?";
            return head + separator + CallbackTokenParameter + "=" + token + fragment;
        }

        /// <summary>Makes <paramref name="token"/> the one callbacks about <paramref name="videoId"/> must carry.</summary>
        internal void BindCallbackToken(string videoId, string token) => _tokenByVideo[videoId] = token;

        /// <summary>The token issued for a video's callbacks; null when none was.</summary>
        internal string CallbackTokenOf(string videoId) =>
            videoId != null && _tokenByVideo.TryGetValue(videoId, out var token) ? token : null;

        public override string ToString() => base.ToString() + " auth " + AuthMethod;
    }
}
