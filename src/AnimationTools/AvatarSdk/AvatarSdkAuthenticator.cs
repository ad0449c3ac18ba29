using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using AnimationTools.Core.Auth;
using AnimationTools.Core.Http;

namespace AnimationTools.AvatarSdk
{
    /// <summary>
    /// The Avatar SDK's signature: the OAuth2 bearer token of the core authenticator, plus <c>X-PlayerUID</c> on every
    /// request once a player is set (client access mode, contract §2.3).
    /// </summary>
    sealed class AvatarSdkAuthenticator : IRequestAuthenticator
    {
        readonly OAuth2ClientCredentialsAuthenticator _tokens;

        public AvatarSdkAuthenticator(OAuth2ClientCredentialsAuthenticator tokens)
        {
            _tokens = tokens;
        }

        public string PlayerUid { get; set; }

        public string[] SecretsToRedact => _tokens.SecretsToRedact;

        public async Task<int> ApplyAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var generation = await _tokens.ApplyAsync(request, cancellationToken).ConfigureAwait(false);
            request.Headers.Remove("X-PlayerUID");
            if (!string.IsNullOrEmpty(PlayerUid))
            {
                request.Headers.TryAddWithoutValidation("X-PlayerUID", PlayerUid);
            }
            return generation;
        }

        public Task RenewAsync(int failedGeneration, CancellationToken cancellationToken) => _tokens.RenewAsync(failedGeneration, cancellationToken);
    }
}
