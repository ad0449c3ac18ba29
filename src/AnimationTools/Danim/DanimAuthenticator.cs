using System;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AnimationTools.Core.Http;
using AnimationTools.Core.Sessions;
using Flurl;

namespace AnimationTools.Danim
{
    /// <summary>How the app credentials travel (contract §2): exactly one of the three ways on every request.</summary>
    public enum DanimAuthMethod
    {
        /// <summary><c>X-App-Id</c> and <c>X-App-Secret</c> headers (the default).</summary>
        Header,

        /// <summary><c>Authorization: Basic base64(id:secret)</c>.</summary>
        Basic,

        /// <summary><c>?appId=&amp;appSecret=</c> in the URL; the secret is still masked in everything this module writes.</summary>
        Query,
    }

    /// <summary>
    /// Danim's static app credentials: no login, no expiry. The secret is revealed only to sign a request, and the
    /// secret and its Basic form are masked wherever the pipeline writes text.
    /// </summary>
    sealed class DanimAuthenticator : IRequestAuthenticator
    {
        readonly ClientCredential _credential;
        readonly string _basic;

        readonly string[] _secrets;
        readonly Func<System.Collections.Generic.IEnumerable<string>> _moreSecrets;

        public DanimAuthenticator(ClientCredential credential, DanimAuthMethod method, Func<System.Collections.Generic.IEnumerable<string>> moreSecrets = null)
        {
            _credential = credential;
            Method = method;
            _moreSecrets = moreSecrets;
            var secret = credential.RevealSecret();
            _basic = Convert.ToBase64String(Encoding.UTF8.GetBytes(credential.ClientId + ":" + secret));
            _secrets = new[] { secret, _basic, Uri.EscapeDataString(secret) }.Distinct().ToArray();
        }

        public DanimAuthMethod Method { get; }

        /// <summary>The app secret in its forms, and the callback tokens the session issued.</summary>
        public string[] SecretsToRedact => _moreSecrets == null ? _secrets : _secrets.Concat(_moreSecrets()).ToArray();

        public Task<int> ApplyAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Remove("X-App-Id");
            request.Headers.Remove("X-App-Secret");
            request.Headers.Authorization = null;
            switch (Method)
            {
                case DanimAuthMethod.Basic:
                    request.Headers.Authorization = new AuthenticationHeaderValue("Basic", _basic);
                    break;
                case DanimAuthMethod.Query:
                    // Set, not added: a retry signs the same message again.
                    request.RequestUri = new Url(request.RequestUri)
                        .SetQueryParam("appId", _credential.ClientId)
                        .SetQueryParam("appSecret", _credential.RevealSecret())
                        .ToUri();
                    break;
                default:
                    request.Headers.TryAddWithoutValidation("X-App-Id", _credential.ClientId);
                    request.Headers.TryAddWithoutValidation("X-App-Secret", _credential.RevealSecret());
                    break;
            }
            return Task.FromResult(0);
        }

        // Static credentials: a refused one stays refused, and the envelope says why (InvalidAppSecret ...).
        public Task RenewAsync(int failedGeneration, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
