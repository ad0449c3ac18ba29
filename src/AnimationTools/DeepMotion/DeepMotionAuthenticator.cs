using System;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using AnimationTools.Core.Errors;
using AnimationTools.Core.Http;
using AnimationTools.Core.Sessions;
using Flurl.Http;

namespace AnimationTools.DeepMotion
{
    /// <summary>
    /// Logs in with Basic auth at /session/auth and signs requests with the <c>dmsess</c> cookie it returns. The cookie
    /// is captured from Set-Cookie and sent by hand: its Domain (.deepmotion.com) would make a cookie container drop it
    /// for any other host, such as the emulator.
    /// </summary>
    sealed class DeepMotionAuthenticator : IRequestAuthenticator
    {
        static readonly TimeSpan ExpiryMargin = TimeSpan.FromSeconds(30);

        readonly HttpPipeline _http;
        readonly ClientCredential _credential;
        readonly string _userUid;
        readonly SemaphoreSlim _login = new SemaphoreSlim(1, 1);
        string _cookie;
        int _generation;

        public DeepMotionAuthenticator(HttpPipeline http, ClientCredential credential, string userUid)
        {
            _http = http;
            _credential = credential;
            _userUid = userUid;
        }

        public DateTimeOffset? Expires { get; private set; }

        public string[] SecretsToRedact => new[] { _cookie };

        public async Task<int> ApplyAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (_cookie == null || (Expires.HasValue && Expires.Value - ExpiryMargin < DateTimeOffset.UtcNow))
            {
                await RenewAsync(_generation, cancellationToken).ConfigureAwait(false);
            }
            request.Headers.Remove("Cookie");
            request.Headers.TryAddWithoutValidation("Cookie", "dmsess=" + _cookie);
            return _generation;
        }

        public async Task RenewAsync(int failedGeneration, CancellationToken cancellationToken)
        {
            await _login.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (_generation != failedGeneration && _cookie != null)
                {
                    return;
                }
                await LoginAsync(cancellationToken).ConfigureAwait(false);
                _generation++;
            }
            finally
            {
                _login.Release();
            }
        }

        async Task LoginAsync(CancellationToken cancellationToken)
        {
            var request = _http.Request("session/auth")
                .WithoutAuthentication()
                .WithBasicAuth(_credential.ClientId, _credential.RevealSecret());
            if (!string.IsNullOrEmpty(_userUid))
            {
                request.WithHeader("x-useruid", _userUid);
            }
            try
            {
                using (var response = await request.GetAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
                {
                    var cookie = ReadSessionCookie(response.ResponseMessage, out var expires);
                    if (cookie == null)
                    {
                        throw new AnimationToolsException("DeepMotion.AuthenticationFailed", ErrorCategory.AuthenticationError,
                            "DeepMotion accepted the login but set no dmsess session cookie.");
                    }
                    _cookie = cookie;
                    Expires = expires;
                }
            }
            catch (AnimationToolsException ex) when (ex.StatusCode == 401 || ex.StatusCode == 403)
            {
                throw new AnimationToolsException("DeepMotion.AuthenticationFailed", ErrorCategory.AuthenticationError,
                    $"DeepMotion rejected the client id '{_credential.ClientId}' or its secret ({ex.StatusCode}).", ex)
                {
                    StatusCode = ex.StatusCode,
                    RecommendedAction = "Check the client id and secret (DeepMotion portal, API settings) and connect again.",
                };
            }
        }

        static string ReadSessionCookie(HttpResponseMessage response, out DateTimeOffset? expires)
        {
            expires = null;
            if (!response.Headers.TryGetValues("Set-Cookie", out IEnumerable<string> cookies))
            {
                return null;
            }
            foreach (var cookie in cookies)
            {
                var parts = cookie.Split(';');
                var first = parts[0].Trim();
                if (!first.StartsWith("dmsess=", StringComparison.Ordinal))
                {
                    continue;
                }
                for (var i = 1; i < parts.Length; i++)
                {
                    var attribute = parts[i].Trim();
                    if (attribute.StartsWith("Expires=", StringComparison.OrdinalIgnoreCase)
                        && DateTimeOffset.TryParse(attribute.Substring(8), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var when))
                    {
                        expires = when;
                    }
                    else if (attribute.StartsWith("Max-Age=", StringComparison.OrdinalIgnoreCase) && int.TryParse(attribute.Substring(8), out var seconds))
                    {
                        expires = DateTimeOffset.UtcNow.AddSeconds(seconds);
                    }
                }
                return first.Substring("dmsess=".Length);
            }
            return null;
        }
    }
}
